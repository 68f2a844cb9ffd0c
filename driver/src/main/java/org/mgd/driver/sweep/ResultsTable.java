package org.mgd.driver.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mgd.common.MgdException;
import org.mgd.common.io.HadoopFiles;
import org.mgd.driver.spark.SparkSession;

/**
 * A sweep's results: one row per configuration, the same columns in {@code results.csv} (for
 * people and spreadsheets) and {@code results.parquet} (for Spark and pandas). Grid values are
 * strings, as written in the sweep file; results are numbers.
 */
public final class ResultsTable {
    private ResultsTable() {}

    public static void write(SparkSession spark, List<Map<String, Object>> rows, String out) {
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        // Parquet first: the CSV, written atomically, appears only when both tables are complete.
        writeParquet(spark, columns, rows, out + "/results.parquet");
        HadoopFiles.writeString(out + "/results.csv", csv(columns, rows));
    }

    public static String csv(List<String> columns, List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder(String.join(",", columns.stream().map(ResultsTable::quote).toList()));
        b.append('\n');
        for (Map<String, Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                Object v = row.get(c);
                cells.add(v == null ? "" : quote(String.valueOf(v)));
            }
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static void writeParquet(SparkSession spark, List<String> columns, List<Map<String, Object>> rows,
                                     String path) {
        if (HadoopFiles.exists(path)) {
            throw new MgdException(path + " already exists: choose another --out");
        }
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            fields.add(DataTypes.createStructField(c, typeOf(rows, c), true));
        }
        StructType schema = DataTypes.createStructType(fields);
        List<Row> data = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Object[] cells = new Object[columns.size()];
            for (int i = 0; i < cells.length; i++) {
                Object v = row.get(columns.get(i));
                cells[i] = cell(v, schema.fields()[i].dataType());
            }
            data.add(RowFactory.create(cells));
        }
        org.apache.spark.sql.SparkSession sql = spark.sql();
        // One file: a sweep's table is small, and one part file is what people expect to open.
        try {
            sql.createDataFrame(data, schema).coalesce(1).write().parquet(path);
        } catch (RuntimeException e) {
            HadoopFiles.deleteQuietly(path);
            throw new MgdException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private static Object cell(Object v, DataType type) {
        if (v == null) {
            return null;
        }
        if (type == DataTypes.StringType) {
            return String.valueOf(v);
        }
        if (type == DataTypes.LongType) {
            return ((Number) v).longValue();
        }
        return ((Number) v).doubleValue();
    }

    private static DataType typeOf(List<Map<String, Object>> rows, String column) {
        boolean integral = true;
        for (Map<String, Object> row : rows) {
            Object v = row.get(column);
            if (v == null) {
                continue;
            }
            if (!(v instanceof Number)) {
                return DataTypes.StringType;
            }
            integral &= v instanceof Integer || v instanceof Long;
        }
        return integral ? DataTypes.LongType : DataTypes.DoubleType;
    }
}
