package org.medfed.client.console;

/** Label and value pairs as a {@code <dl>}; values are markup the caller has already escaped. */
final class FactList {
    private final StringBuilder html = new StringBuilder("<dl class=\"facts\">\n");

    FactList fact(String label, String valueMarkup) {
        html.append("<dt>")
                .append(Html.text(label))
                .append("</dt><dd>")
                .append(valueMarkup)
                .append("</dd>\n");
        return this;
    }

    String render() {
        return html + "</dl>\n";
    }
}
