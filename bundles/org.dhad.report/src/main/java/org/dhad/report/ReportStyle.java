package org.dhad.report;

/** The report's inline style sheet: readable on screen and in print, no web fonts, nothing fetched. */
final class ReportStyle {

    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:1.5em auto;
            max-width:1200px;padding:0 1em;color:#222;line-height:1.4}
            h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #4e79a7;padding-bottom:.2em;margin-top:2em}
            h3{margin-top:1.4em}h4{margin:1em 0 .3em}h5{margin:.6em 0 .3em;font-size:.95em}
            .generated{color:#666;font-size:.9em}nav{margin:1em 0;font-size:.95em}
            .note{background:#fff6e0;border-left:4px solid #f28e2b;padding:.4em .8em;color:#5a4300}
            table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
            thead th{background:#f0f3f7}.num{text-align:right;font-variant-numeric:tabular-nums}
            td.best{background:#eaf4e4}tr.mean td{border-top:2px solid #888}
            .cellnote{color:#888;font-size:.8em}table.config th{background:#f7f7f7;font-weight:600}
            .charts{display:flex;flex-wrap:wrap;gap:1em}
            figure.chart{margin:0;flex:1 1 560px;max-width:720px}figure.chart svg{width:100%;height:auto}
            .thumbs{display:flex;flex-wrap:wrap;gap:.6em}
            .thumbs figure{margin:0;width:200px}.thumbs img{max-width:192px;image-rendering:auto;border:1px solid #ccc}
            figcaption{font-size:.75em;color:#444;word-break:break-all}.count{color:#888;font-weight:normal}
            .missing{width:192px;height:60px;font-size:.75em;color:#a00}
            @media print{figure.chart,.thumbs figure{break-inside:avoid}}
            """;

    private ReportStyle() {
    }
}
