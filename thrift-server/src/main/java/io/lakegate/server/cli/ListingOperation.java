package io.lakegate.server.cli;

import io.lakegate.engine.operation.Operation;
import io.lakegate.engine.operation.OperationState;
import java.util.List;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TOperationType;

/**
 * A metadata operation: its rows are read from the catalog at once and held until the client closes it (or the
 * engine's reaper does, once it has gone unused).
 */
final class ListingOperation extends Operation implements CliOperation {
    private final Handle handle;
    private final ServerSession session;
    private final TOperationType type;
    private final CatalogListings.Listing listing;
    private int cursor;

    ListingOperation(ServerSession session, TOperationType type, CatalogListings.Listing listing) {
        super(session.engineSession());
        this.handle = Handle.forId(id());
        this.session = session;
        this.type = type;
        this.listing = listing;
        moveTo(OperationState.FINISHED);
    }

    @Override
    public Handle handle() {
        return handle;
    }

    @Override
    public TOperationType type() {
        return type;
    }

    @Override
    public ServerSession serverSession() {
        return session;
    }

    @Override
    public Operation lifecycle() {
        return this;
    }

    @Override
    public boolean hasResultSet() {
        return true;
    }

    @Override
    public List<Column> columns() {
        return listing.columns();
    }

    @Override
    public synchronized FetchedRows fetch(TFetchOrientation orientation, FetchBudget budget) {
        requireFinished();
        switch (orientation) {
            case FETCH_FIRST -> cursor = 0;
            case FETCH_NEXT -> { }
            default -> throw CliOperation.unsupportedOrientation(orientation);
        }
        RowSetBuilder builder = new RowSetBuilder(listing.columns(), cursor);
        while (cursor < listing.rows().size() && !builder.isFull(budget)) {
            builder.addRow(listing.rows().get(cursor));
            cursor++;
        }
        return new FetchedRows(builder.build(session.protocol()), cursor < listing.rows().size());
    }

    @Override
    protected void stop() {
        // Nothing runs: the rows were listed when the operation was made.
    }

    @Override
    protected void release() {
        // Nothing to give back: the rows are plain Java objects, gone with the operation.
    }
}
