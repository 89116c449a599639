package io.gryt.core.report;

import io.gryt.api.spi.RowHandler;
import io.gryt.api.spi.Store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Streams the rows of a read-only query, giving each to a consumer by column name; no row is kept. */
final class StoreRows {
    private StoreRows() {
    }

    /** Runs {@code sql} on {@code store} and hands each row to {@code each} as it arrives. */
    static void each(Store store, String sql, Consumer<Row> each) {
        store.query(sql, new RowHandler() {
            private Map<String, Integer> columns = Map.of();

            @Override
            public void columns(List<String> names) {
                Map<String, Integer> index = new HashMap<>();
                for (int i = 0; i < names.size(); i++) index.put(names.get(i), i);
                columns = index;
            }

            @Override
            public void row(List<Object> values) {
                each.accept(new Row(columns, values));
            }
        });
    }

    /** A SQL string literal. Values put in queries are validated versions or numbers; quoted all the same. */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** One row of a result, read by column name. */
    static final class Row {
        private final Map<String, Integer> columns;
        private final List<Object> values;

        Row(Map<String, Integer> columns, List<Object> values) {
            this.columns = columns;
            this.values = values;
        }

        private Object get(String column) {
            Integer i = columns.get(column);
            if (i == null) throw new IllegalArgumentException("no column " + column + " in " + columns.keySet());
            return values.get(i);
        }

        /** The value as text, or null. */
        String text(String column) {
            Object v = get(column);
            return v == null ? null : v.toString();
        }

        /** The value as a whole number, or null. */
        Long integer(String column) {
            Object v = get(column);
            if (v == null) return null;
            if (v instanceof Number n) return n.longValue();
            try {
                return Long.parseLong(v.toString());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** The value as a number, or null. */
        Double real(String column) {
            Object v = get(column);
            if (v == null) return null;
            if (v instanceof Number n) return n.doubleValue();
            try {
                return Double.parseDouble(v.toString());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        boolean isNull(String column) {
            return get(column) == null;
        }
    }
}
