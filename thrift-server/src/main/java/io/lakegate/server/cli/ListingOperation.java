package io.lakegate.server.cli;

import java.util.List;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TRowSet;

/** A metadata operation: its rows are read from the catalog at once and held until the client closes it. */
final class ListingOperation extends Operation {
    private final CatalogListings.Listing listing;
    private int cursor;

    ListingOperation(ServerSession session, TOperationType type, CatalogListings.Listing listing) {
        super(session, type);
        this.listing = listing;
        moveTo(OperationState.FINISHED);
    }

    @Override
    boolean hasResultSet() {
        return true;
    }

    @Override
    List<Column> columns() {
        return listing.columns();
    }

    @Override
    synchronized FetchedRows fetch(TFetchOrientation orientation, FetchBudget budget) {
        requireFinished();
        switch (orientation) {
            case FETCH_FIRST -> cursor = 0;
            case FETCH_NEXT -> { }
            default -> throw unsupportedOrientation(orientation);
        }
        RowSetBuilder builder = new RowSetBuilder(listing.columns(), cursor);
        while (cursor < listing.rows().size() && !builder.isFull(budget)) {
            builder.addRow(listing.rows().get(cursor));
            cursor++;
        }
        return new FetchedRows(builder.build(session().protocol()), cursor < listing.rows().size());
    }

    @Override
    void stop() {
        // Nothing runs: the rows were listed when the operation was made.
    }

    @Override
    void release() {
        // Nothing to give back: the rows are plain Java objects.
    }
}
