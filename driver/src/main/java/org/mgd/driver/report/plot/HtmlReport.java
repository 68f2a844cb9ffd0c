package org.mgd.driver.report.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A single self-contained HTML page: styles inline, images as base64 data: URIs, no scripts, fonts
 * or links to fetch, so it opens the same from a laptop, an air-gapped cluster or an e-mail.
 * All text given here is escaped; none of it is read as markup.
 *
 * <pre>{@code
 * new HtmlReport("Poisoning sweep").paragraph("3 runs, 2 epochs each.")
 *         .keyValues(Map.of("target accuracy", "94.3%"))
 *         .figure(chart.png(800, 500), "Target loss by step")
 *         .write(Path.of("runs/report.html"));
 * }</pre>
 */
public final class HtmlReport {
    private static final String STYLE = """
            body{font-family:-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Helvetica,Arial,sans-serif;\
            max-width:1000px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.7em;margin-bottom:.4em}
            h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
            table{border-collapse:collapse;margin:1em 0;font-size:.95em}
            th,td{border:1px solid #ddd;padding:.3em .7em;text-align:left;vertical-align:top}
            th{background:#f4f4f4}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            table.kv th{background:#fafafa;font-weight:600}
            figure{margin:1.5em 0}
            figure img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{color:#555;font-size:.92em;margin-top:.3em}
            """;

    private final String title;
    private final StringBuilder body = new StringBuilder();

    public HtmlReport(String title) {
        this.title = title == null ? "" : title;
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A two-column table of names and values, in the map's iteration order. */
    public HtmlReport keyValues(Map<String, ?> entries) {
        body.append("<table class=\"kv\">\n");
        for (Map.Entry<String, ?> e : entries.entrySet()) {
            body.append("<tr><th>").append(escape(e.getKey())).append("</th>")
                    .append(cell(e.getValue())).append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A table with a header row; rows may be shorter or longer than the header. */
    public HtmlReport table(List<String> header, List<? extends List<?>> rows) {
        body.append("<table>\n<thead><tr>");
        for (String h : header) {
            body.append("<th>").append(escape(h)).append("</th>");
        }
        body.append("</tr></thead>\n<tbody>\n");
        for (List<?> row : rows) {
            body.append("<tr>");
            for (Object value : row) {
                body.append(cell(value));
            }
            body.append("</tr>\n");
        }
        body.append("</tbody>\n</table>\n");
        return this;
    }

    /** A PNG (e.g. from {@link Chart#png} or {@link ImageGrid#png}) embedded in the page, captioned. */
    public HtmlReport figure(byte[] png, String caption) {
        if (!Png.isPng(png)) {
            throw new IllegalArgumentException("figure '" + caption + "' is not a PNG image");
        }
        String alt = escape(caption == null ? "" : caption);
        body.append("<figure><img alt=\"").append(alt).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">");
        if (caption != null && !caption.isBlank()) {
            body.append("<figcaption>").append(alt).append("</figcaption>");
        }
        body.append("</figure>\n");
        return this;
    }

    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n"
                + "<h1>" + escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html(), StandardCharsets.UTF_8);
    }

    /** Text made safe for both element content and quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String cell(Object value) {
        boolean numeric = value instanceof Number;
        return (numeric ? "<td class=\"num\">" : "<td>") + escape(format(value)) + "</td>";
    }

    /** Doubles to 6 significant digits: reports show results, not float noise like 0.30000000000000004. */
    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                return String.valueOf(d);
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.valueOf((long) d);
            }
            double a = Math.abs(d);
            return a >= 1e-4 && a < 1e9 ? NiceTicks.plainSignificant(d, 6) : NiceTicks.scientific(d, 6);
        }
        return String.valueOf(value);
    }
}
