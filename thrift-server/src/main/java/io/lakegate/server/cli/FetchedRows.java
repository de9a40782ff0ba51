package io.lakegate.server.cli;

import org.apache.hive.service.rpc.thrift.TRowSet;

/** One FetchResults answer's rows, and whether the operation may have more after them. */
record FetchedRows(TRowSet rows, boolean hasMoreRows) {}
