package org.mgd.common.data;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mgd.common.MgdException;
import org.mgd.common.io.HadoopFiles;

/**
 * Turns a source string from a job spec into a Dataset:
 * <ul>
 *   <li>{@code bundled:digits} — the dataset shipped in the jar ({@link BundledData#digits()})
 *   <li>{@code idx:PREFIX} — {@code PREFIX-images-idx3-ubyte} and {@code PREFIX-labels-idx1-ubyte},
 *       each optionally with {@code .gz}
 *   <li>{@code csv:PATH} — a CSV table read with the given {@link CsvOptions}
 * </ul>
 * PREFIX and PATH may be local paths or URIs ({@code file://}, {@code hdfs://}).
 */
public final class DataSources {
    private DataSources() {}

    private static final String FORMS = "bundled:digits, idx:PREFIX (reads PREFIX-images-idx3-ubyte[.gz]"
            + " and PREFIX-labels-idx1-ubyte[.gz]), or csv:PATH; PREFIX and PATH may be local paths"
            + " or URIs such as hdfs://namenode/data/x";

    private record Key(String source, CsvOptions csv, Integer classes) {}

    // An executor runs many tasks on the same data: load it once per JVM. Only a few entries,
    // because one MNIST-sized dataset already takes hundreds of megabytes.
    private static final int CACHE_ENTRIES = 4;
    private static final Map<Key, Dataset> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Dataset> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    /**
     * Loads (or returns the cached) dataset for {@code source}.
     *
     * @param csv options for {@code csv:} sources (null = {@link CsvOptions#DEFAULTS}); ignored otherwise
     * @param classes number of classes, or null to infer it (largest label + 1); for CSV it
     *     overrides {@code csv.classes()} when given
     */
    public static Dataset load(String source, CsvOptions csv, Integer classes) {
        checkSyntax(source);
        if (classes != null && classes < 1) {
            throw new MgdException("classes must be at least 1, got " + classes);
        }
        String scheme = source.substring(0, source.indexOf(':'));
        String rest = source.substring(source.indexOf(':') + 1);
        CsvOptions csvOptions = null;
        if (scheme.equals("csv")) {
            CsvOptions base = csv != null ? csv : CsvOptions.DEFAULTS;
            csvOptions = classes == null ? base
                    : new CsvOptions(base.labelColumn(), base.header(), base.featureScale(), classes);
        }
        Key key = new Key(source, csvOptions, classes);
        // Loading under the lock is deliberate: concurrent tasks wanting the same data should wait
        // for one copy rather than each read their own.
        synchronized (CACHE) {
            Dataset cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
            Dataset loaded = switch (scheme) {
                case "bundled" -> withClasses(BundledData.digits(), classes, source);
                case "idx" -> IdxReader.read(existing(rest + "-images-idx3-ubyte", source),
                        existing(rest + "-labels-idx1-ubyte", source), classes);
                case "csv" -> CsvReader.read(rest, csvOptions);
                default -> throw new IllegalStateException("checkSyntax accepted " + source);
            };
            CACHE.put(key, loaded);
            return loaded;
        }
    }

    /** Checks only the form of {@code source} (no I/O), for validating a job spec up front. */
    public static void checkSyntax(String source) {
        if (source == null || source.isBlank()) {
            throw new MgdException("empty data source; expected " + FORMS);
        }
        int colon = source.indexOf(':');
        String scheme = colon < 0 ? "" : source.substring(0, colon);
        String rest = colon < 0 ? "" : source.substring(colon + 1);
        switch (scheme) {
            case "bundled" -> {
                if (!rest.equals("digits")) {
                    throw new MgdException("unknown bundled dataset \"" + rest + "\" in \"" + source
                            + "\"; the only one is bundled:digits");
                }
            }
            case "idx", "csv" -> {
                if (rest.isBlank()) {
                    throw new MgdException("data source \"" + source + "\" names no file; expected " + FORMS);
                }
            }
            default -> {
                String hint = source.matches("(?i).*\\.csv(\\.gz)?") ? " (did you mean csv:" + source + "?)" : "";
                throw new MgdException("unknown data source \"" + source + "\"" + hint + "; expected " + FORMS);
            }
        }
    }

    /** Forgets every loaded dataset, for callers that know the files have changed. */
    public static void clearCache() {
        synchronized (CACHE) {
            CACHE.clear();
        }
    }

    static String existing(String location, String source) {
        if (HadoopFiles.exists(location)) {
            return location;
        }
        if (HadoopFiles.exists(location + ".gz")) {
            return location + ".gz";
        }
        throw new MgdException("file not found: " + location + " (nor " + location + ".gz), needed by data source \""
                + source + "\"" + HadoopFiles.relativePathNote(location));
    }

    private static Dataset withClasses(Dataset data, Integer classes, String source) {
        if (classes == null || classes == data.classes()) {
            return data;
        }
        if (classes < data.classes()) {
            throw new MgdException(source + " has " + data.classes() + " classes, but classes is set to " + classes);
        }
        return new Dataset(data.features(), data.labels(), classes, data.shape());
    }
}
