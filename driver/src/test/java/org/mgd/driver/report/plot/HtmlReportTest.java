package org.mgd.driver.report.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final String EVIL = "<script>alert('x & y')</script>";

    private static byte[] smallPng() {
        return Chart.builder("t").line(new double[] {1, 2, 3}, "l").build().png(200, 150);
    }

    @Test
    void allTextIsEscaped() {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put(EVIL, EVIL);
        String html = new HtmlReport(EVIL).heading(EVIL).paragraph(EVIL).keyValues(kv)
                .table(List.of(EVIL), List.of(List.of(EVIL))).figure(smallPng(), EVIL).html();
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x &amp; y&#39;)&lt;/script&gt;"));
        assertEquals("a&quot;b", HtmlReport.escape("a\"b"));
    }

    @Test
    void imagesAreEmbeddedAsDataUris() {
        byte[] png = smallPng();
        String html = new HtmlReport("r").figure(png, "loss").figure(png, null).html();
        Matcher m = Pattern.compile("<img [^>]*src=\"([^\"]*)\"").matcher(html);
        List<String> sources = new ArrayList<>();
        while (m.find()) {
            sources.add(m.group(1));
        }
        assertEquals(2, sources.size());
        for (String src : sources) {
            assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, 30));
            assertArrayEquals(png, Base64.getDecoder().decode(src.substring("data:image/png;base64,".length())));
        }
        assertTrue(html.contains("<figcaption>loss</figcaption>"));
        assertThrows(IllegalArgumentException.class, () -> new HtmlReport("r").figure(new byte[] {1, 2, 3}, "x"));
    }

    @Test
    void pageIsSelfContained() {
        String html = fullReport().html();
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("http://"), "no http references");
        assertFalse(lower.contains("https://"), "no https references");
        assertFalse(lower.contains("<link"), "no linked stylesheets");
        assertFalse(lower.contains("@import"), "no imported stylesheets");
        assertFalse(lower.contains("<script"), "no scripts");
        assertTrue(lower.startsWith("<!doctype html>"));
        assertTrue(lower.contains("<meta charset=\"utf-8\">"));
    }

    @Test
    void numbersAreFormattedForReadingAndRightAligned() {
        assertEquals("0.3", HtmlReport.format(0.1 + 0.2));
        assertEquals("12", HtmlReport.format(12.0));
        assertEquals("1.5e-7", HtmlReport.format(1.5e-7));
        assertEquals("NaN", HtmlReport.format(Double.NaN));
        assertEquals("", HtmlReport.format(null));
        String html = new HtmlReport("r").table(List.of("a", "b"), List.of(List.of("x", 0.5))).html();
        assertTrue(html.contains("<td>x</td><td class=\"num\">0.5</td>"), html);
    }

    @Test
    void writeStoresUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/report.html");
        HtmlReport report = new HtmlReport("Größe — ✓").paragraph("λ = 0.1");
        report.write(file);
        assertEquals(report.html(), Files.readString(file, StandardCharsets.UTF_8));
    }

    private static HtmlReport fullReport() {
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("steps", 200);
        kv.put("loss", 0.1718);
        return new HtmlReport("Run").heading("Summary").paragraph("text").keyValues(kv)
                .table(List.of("method", "acc"), List.of(List.of("MGD", 0.91)))
                .figure(smallPng(), "a chart");
    }
}
