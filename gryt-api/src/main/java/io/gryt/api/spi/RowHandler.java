package io.gryt.api.spi;

import java.util.List;

/** Receives the result of a read-only query as it streams: the column names once, then each row. */
public interface RowHandler {
    /** The result's column names, before any row. */
    void columns(List<String> names);

    /** One row; values are {@code String}, {@code Long}, {@code Double}, {@code byte[]} or {@code null}. */
    void row(List<Object> values);
}
