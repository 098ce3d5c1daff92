package org.dhad.report.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes HTML text to a {@link Writer}, escaping every piece of text: run names, categories and file names
 * come from users and must never become markup. I/O errors are rethrown unchecked and unwrapped by the report.
 */
public final class Html {

    private final Writer out;

    public Html(Writer out) {
        this.out = out;
    }

    /** {@code text} with {@code & < > " '} as character references, safe in element content and attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Appends markup as is: only for literals and for markup made by this package (SVG from JFreeSVG). */
    public Html raw(String markup) {
        try {
            out.write(markup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Appends escaped text. */
    public Html text(String text) {
        return raw(escape(text));
    }

    /** {@code <tag>text</tag>} with the text escaped. */
    public Html element(String tag, String text) {
        return raw("<" + tag + ">").text(text).raw("</" + tag + ">\n");
    }

    /** {@code <tag class="css">text</tag>} with the text escaped. */
    public Html element(String tag, String css, String text) {
        return raw("<" + tag + " class=\"" + css + "\">").text(text).raw("</" + tag + ">\n");
    }

    /** A paragraph saying why something is not shown, styled so it cannot be mistaken for data. */
    public Html note(String text) {
        return element("p", "note", text);
    }
}
