package dev.myelin.fashion.report;

/** Escaping for text placed in HTML, and the pieces every page of the program shares. */
public final class Html {
    private Html() {}

    /** {@code text} safe inside an element or a quoted attribute. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
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

    /**
     * Opens a page in the program's look: the head with {@code title} and the report's stylesheet
     * followed by {@code extraCss}, then {@code <body><main>}.
     */
    public static void openPage(StringBuilder html, String title, String extraCss) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(ReportHtml.css()).append(extraCss).append("</style>\n</head>\n<body>\n<main>\n");
    }

    /** One of the cards at the top of a page: a label, a large value and a line of detail. */
    public static void card(StringBuilder html, String label, String value, String detail) {
        html.append("<div class=\"card\"><div class=\"label\">").append(escape(label))
                .append("</div><div class=\"value\">").append(escape(value))
                .append("</div><div class=\"detail\">").append(escape(detail)).append("</div></div>\n");
    }
}
