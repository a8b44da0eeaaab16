package uk.nhs.stpgov.deploy.pages;

import org.springframework.web.util.HtmlUtils;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Charts drawn on the server as SVG: no script, nothing from a CDN, readable by a screen reader through each
 * chart's title and description, and always next to a table of the same figures. Shapes and labels carry the
 * meaning; colour only helps.
 */
final class SvgCharts {
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK);
    /** Short enough for eight bars side by side. */
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("MMM yy", Locale.UK);
    /** GOV.UK Frontend's palette, in an order that keeps neighbours apart; the kind is also written in the legend. */
    private static final String[] COLOURS = {"#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#b58840",
            "#d53880", "#28a197", "#505a5f", "#912b88", "#0b0c0c"};
    private static final int WIDTH = 640;
    private static final int LEFT = 150;
    private static final int RIGHT = 20;
    private static final int TOP = 20;

    private SvgCharts() {
    }

    /** A point of a step chart: the level reached (index into {@code levels}) on a date. */
    record Point(LocalDate on, int level) {
    }

    /** Levels (e.g. EMERGING … ADVANCED) up the side, dates along the bottom, one marked point per record. */
    static String levels(String id, String title, List<String> levels, List<Point> points) {
        int height = TOP + levels.size() * 40 + 40;
        int plotBottom = height - 40;
        StringBuilder svg = open(id, title, WIDTH, height,
                title + ": " + points.size() + " records; the table below lists them");
        LocalDate first = points.get(0).on();
        LocalDate last = points.get(points.size() - 1).on();
        for (int i = 0; i < levels.size(); i++) {
            int y = levelY(i, plotBottom);
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#b1b4b6", 1));
            svg.append(text(LEFT - 8, y + 5, "end", words(levels.get(i))));
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            int x = x(p.on(), first, last);
            int y = levelY(p.level(), plotBottom);
            path.append(i == 0 ? "M" : "L").append(x).append(' ').append(y).append(' ');
        }
        svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"3\"/>");
        for (Point p : points) {
            int x = x(p.on(), first, last);
            int y = levelY(p.level(), plotBottom);
            svg.append("<circle cx=\"").append(x).append("\" cy=\"").append(y)
                    .append("\" r=\"6\" fill=\"#0b0c0c\"/>");
        }
        axis(svg, first, last, plotBottom);
        return svg.append("</svg>").toString();
    }

    /** Stacked bars: for each date, the gaps of each kind; the legend names each kind with its colour. */
    static String stacked(String id, String title, List<LocalDate> dates, List<String> kinds,
                          Map<LocalDate, Map<String, Integer>> counts) {
        int highest = 1;
        for (LocalDate d : dates) {
            highest = Math.max(highest,
                    counts.getOrDefault(d, Map.of()).values().stream().mapToInt(Integer::intValue).sum());
        }
        // Four whole-number steps up the side, so every label is a count that can occur.
        int step = (highest + 3) / 4;
        int max = step * 4;
        int plotHeight = 220;
        int legendRows = (kinds.size() + 1) / 2;
        int height = TOP + plotHeight + 40 + legendRows * 22 + 10;
        int plotBottom = TOP + plotHeight;
        StringBuilder svg = open(id, title, WIDTH, height, title + "; the table below lists the same counts");
        for (int tick = 0; tick <= 4; tick++) {
            int value = step * tick;
            int y = plotBottom - plotHeight * tick / 4;
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#b1b4b6", 1));
            svg.append(text(LEFT - 8, y + 5, "end", Integer.toString(value)));
        }
        int band = (WIDTH - LEFT - RIGHT) / Math.max(1, dates.size());
        for (int i = 0; i < dates.size(); i++) {
            LocalDate d = dates.get(i);
            int x = LEFT + i * band + band / 6;
            int y = plotBottom;
            for (int k = 0; k < kinds.size(); k++) {
                int n = counts.getOrDefault(d, Map.of()).getOrDefault(kinds.get(k), 0);
                if (n == 0) {
                    continue;
                }
                int h = plotHeight * n / max;
                y -= h;
                svg.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"")
                        .append(band * 2 / 3).append("\" height=\"").append(h).append("\" fill=\"")
                        .append(COLOURS[k % COLOURS.length]).append("\" stroke=\"#ffffff\"><title>")
                        .append(escape(words(kinds.get(k)) + ": " + n + " on " + d)).append("</title></rect>");
            }
            svg.append(text(x + band / 3, plotBottom + 18, "middle", d.format(TICK)));
        }
        for (int k = 0; k < kinds.size(); k++) {
            int lx = LEFT + (k % 2) * 240;
            int ly = plotBottom + 40 + (k / 2) * 22;
            svg.append("<rect x=\"").append(lx).append("\" y=\"").append(ly - 12).append("\" width=\"14\" height=\"14\" fill=\"")
                    .append(COLOURS[k % COLOURS.length]).append("\"/>");
            svg.append(text(lx + 20, ly, "start", words(kinds.get(k))));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title, int width, int height, String description) {
        return new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-chart\" role=\"img\" ")
                .append("viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"").append(width)
                .append("\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">")
                .append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>")
                .append("<desc id=\"").append(id).append("-desc\">").append(escape(description)).append("</desc>")
                .append("<style>text{font-family:\"GDS Transport\",arial,sans-serif;font-size:14px;fill:#0b0c0c}</style>");
    }

    private static void axis(StringBuilder svg, LocalDate first, LocalDate last, int plotBottom) {
        svg.append(line(LEFT, plotBottom + 10, WIDTH - RIGHT, plotBottom + 10, "#0b0c0c", 1));
        svg.append(text(LEFT, plotBottom + 30, "start", first.format(SHORT)));
        if (!last.equals(first)) {
            svg.append(text(WIDTH - RIGHT, plotBottom + 30, "end", last.format(SHORT)));
        }
    }

    private static int x(LocalDate on, LocalDate first, LocalDate last) {
        long span = Math.max(1, last.toEpochDay() - first.toEpochDay());
        int inner = WIDTH - LEFT - RIGHT - 20;
        return LEFT + 10 + (int) (inner * (on.toEpochDay() - first.toEpochDay()) / span);
    }

    private static int levelY(int level, int plotBottom) {
        return plotBottom - 20 - level * 40;
    }

    private static String line(int x1, int y1, int x2, int y2, String colour, int width) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"" + colour
                + "\" stroke-width=\"" + width + "\"/>";
    }

    private static String text(int x, int y, String anchor, String text) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">" + escape(text) + "</text>";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }

    private static String words(String code) {
        String text = code.replace('_', ' ').toLowerCase(Locale.UK);
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
