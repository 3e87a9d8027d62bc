package io.pacesetter.job.cli;

import java.util.List;
import java.util.Map;

/**
 * What a person across the room would check, measured in the browser from the computed styles: the
 * contrast of every piece of visible text against the background it is drawn on (WCAG 2 relative
 * luminance), and its size in CSS pixels.
 */
final class PageChecks {
    /** WCAG AAA for body text. */
    static final double MIN_CONTRAST = 7.0;
    /** The detail view (a desk screen): no figure at 1920×1080 smaller than this (CSS px), nor any text smaller than {@link #MIN_TEXT_PX}. */
    static final double MIN_FIGURE_PX = 36;

    static final double MIN_TEXT_PX = 16;

    /**
     * The wall view, read from 5 m on a 55-inch 1080p screen (0.63 mm a pixel): every figure at least 64 px (capitals
     * about 30 mm high), every word at least 28 px, at 1920×1080, and in proportion at other sizes (issue 17).
     */
    static final double WALL_FIGURE_PX = 64;

    static final double WALL_WORD_PX = 28;

    private PageChecks() {}

    private static final String MEASURE = """
            const parse = c => {
              const m = /rgba?\\(([^)]+)\\)/.exec(c);
              if (!m) return null;
              const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
              return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
            };
            const lum = c => {
              const ch = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
              return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
            };
            const background = el => {
              for (let e = el; e; e = e.parentElement) {
                const c = parse(getComputedStyle(e).backgroundColor);
                if (c && c[3] > 0) return c;
              }
              return [255, 255, 255, 1];
            };
            const out = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const node = walker.currentNode;
              const text = node.textContent.trim();
              if (!text) continue;
              const el = node.parentElement;
              if (el.closest('[hidden]') || el.getClientRects().length === 0) continue;
              const style = getComputedStyle(el);
              if (style.visibility === 'hidden' || style.display === 'none') continue;
              const fg = parse(el instanceof SVGElement ? style.fill : style.color);
              const bg = background(el);
              const a = lum(fg), b = lum(bg);
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              out.push({ text: text.slice(0, 60), ratio: ratio, size: parseFloat(style.fontSize),
                         figure: el.classList.contains('figure') || el.classList.contains('countdown'),
                         tag: el.tagName, cls: String(el.className && el.className.baseVal !== undefined ? el.className.baseVal : el.className) });
            }
            return out;
            """;

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> texts(Browser browser) {
        return (List<Map<String, Object>>) browser.js(MEASURE);
    }

    static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }
}
