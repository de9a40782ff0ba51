package io.lakegate.cluster.runtime.spark;

import org.apache.spark.connect.proto.UserContext;
import org.apache.spark.sql.catalyst.CurrentUserContext;
import org.sparkproject.connect.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;
import org.sparkproject.connect.protobuf.Descriptors;
import org.sparkproject.connect.protobuf.Message;

/**
 * Makes {@code current_user()}, {@code session_user()} and {@code user()} answer with the user of the Spark Connect
 * request, where Spark itself answers with the cluster process's OS user: Spark Connect keys sessions by
 * {@code user_context.user_id} but never sets {@link CurrentUserContext}.
 *
 * <p>Registered through {@code spark.connect.grpc.interceptor.classes} (a static setting). Spark evaluates those
 * functions in the optimizer, on the execution thread that {@code ExecuteThreadRunner} creates while the gRPC handler
 * runs (the thread object is made in the {@code ExecuteHolder}'s constructor, called from
 * {@code SparkConnectExecutePlanHandler} in the listener's {@code onHalfClose}). {@code CURRENT_USER} is an
 * {@code InheritableThreadLocal}, so setting it around every listener callback lets the new thread inherit it; the
 * gRPC thread, which serves other users next, gets its previous value back afterwards. The user id comes from the
 * gateway, the only client that holds the cluster's token.
 */
public final class SessionUserInterceptor implements ServerInterceptor {
    private static final String USER_CONTEXT_FIELD = "user_context";

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        return new UserListener<>(next.startCall(call, headers));
    }

    /** The user id of a request message, or null when it has none. */
    static String userOf(Object request) {
        if (!(request instanceof Message message)) {
            return null;
        }
        Descriptors.FieldDescriptor field = message.getDescriptorForType().findFieldByName(USER_CONTEXT_FIELD);
        if (field == null || !message.hasField(field)) {
            return null;
        }
        Object value = message.getField(field);
        if (value instanceof UserContext context && !context.getUserId().isEmpty()) {
            return context.getUserId();
        }
        return null;
    }

    /** Sets the request's user around each callback; the first message names it (Connect calls carry one). */
    private static final class UserListener<Q> extends SimpleForwardingServerCallListener<Q> {
        private volatile String user;

        UserListener(ServerCall.Listener<Q> delegate) {
            super(delegate);
        }

        @Override
        public void onMessage(Q message) {
            if (user == null) {
                user = userOf(message);
            }
            asUser(() -> super.onMessage(message));
        }

        @Override
        public void onHalfClose() {
            asUser(super::onHalfClose);
        }

        @Override
        public void onReady() {
            asUser(super::onReady);
        }

        @Override
        public void onCancel() {
            asUser(super::onCancel);
        }

        @Override
        public void onComplete() {
            asUser(super::onComplete);
        }

        private void asUser(Runnable callback) {
            String current = user;
            if (current == null) {
                callback.run();
                return;
            }
            InheritableThreadLocal<String> threadUser = CurrentUserContext.CURRENT_USER();
            String previous = threadUser.get();
            threadUser.set(current);
            try {
                callback.run();
            } finally {
                if (previous == null) {
                    threadUser.remove();
                } else {
                    threadUser.set(previous);
                }
            }
        }
    }
}
