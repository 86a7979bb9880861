// Proxus portal: the little the server-rendered pages need in the browser.
//  - Live regions: an element with an id and data-live="SECONDS" is refreshed in place by
//    fetching the page again and swapping in the element of the same id.
//  - Copy buttons: data-copy="ELEMENT-ID" copies that element's text to the clipboard.
//  - Charts: an element with data-chart="DATA-ELEMENT-ID" draws the JSON series with uPlot.

const liveTimers = new Map();

function startLiveRegions(root) {
    for (const region of root.querySelectorAll('[data-live][id]')) {
        if (liveTimers.has(region.id)) {
            continue;
        }
        const seconds = Math.max(2, Number(region.dataset.live) || 5);
        liveTimers.set(region.id, setInterval(() => refresh(region.id), seconds * 1000));
    }
}

async function refresh(id) {
    const current = document.getElementById(id);
    if (!current || document.hidden) {
        return;
    }
    try {
        const response = await fetch(location.href, { credentials: 'same-origin', headers: { 'X-Proxus-Live': '1' } });
        if (response.redirected || response.status === 401 || response.status === 403) {
            location.reload(); // the session ended or the rights changed: let the server say what now
            return;
        }
        if (!response.ok) {
            current.dataset.stale = 'true';
            return;
        }
        const page = new DOMParser().parseFromString(await response.text(), 'text/html');
        const fresh = page.getElementById(id);
        if (fresh) {
            // Keep the branches the person opened or closed (disclosures with ids).
            const open = new Map([...current.querySelectorAll('details[id]')].map(d => [d.id, d.open]));
            for (const details of fresh.querySelectorAll('details[id]')) {
                if (open.has(details.id)) {
                    details.open = open.get(details.id);
                }
            }
            current.replaceWith(document.importNode(fresh, true));
            drawCharts(document);
        }
    } catch {
        current.dataset.stale = 'true';
    }
}

async function copy(button) {
    const source = document.getElementById(button.dataset.copy);
    if (!source) {
        return;
    }
    const text = source.textContent.trim();
    try {
        await navigator.clipboard.writeText(text);
    } catch {
        const range = document.createRange();
        range.selectNodeContents(source);
        const selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        document.execCommand('copy');
    }
    const label = button.textContent;
    button.textContent = 'Copied';
    button.setAttribute('aria-live', 'polite');
    setTimeout(() => { button.textContent = label; }, 2000);
}

/** uPlot's US date templates (`{M}/{D}/{YY}`, `{h}:{mm}{aa}`) rewritten as ISO dates and 24-hour times. */
function utcTemplate(template) {
    return template
        .replaceAll('{M}/{D}/{YY}', '{YYYY}-{MM}-{DD}')
        .replaceAll('{M}/{D}', '{MM}-{DD}')
        .replaceAll('{h}{aa}', '{HH}:00')
        .replaceAll('{h}', '{HH}')
        .replaceAll('{aa}', '');
}

function drawCharts(root) {
    if (typeof window.uPlot !== 'function') {
        return;
    }
    for (const target of root.querySelectorAll('[data-chart]:not([data-drawn])')) {
        const data = JSON.parse(document.getElementById(target.dataset.chart)?.textContent ?? 'null');
        if (!data || data.times.length === 0) {
            continue;
        }
        const palette = ['#0b5cad', '#17692f', '#a1231b'];
        const series = [{ label: 'Time (UTC)' }].concat(data.series.map((s, i) => ({
            label: s.name + (data.unit ? ` (${data.unit})` : ''),
            stroke: palette[i % palette.length],
            width: s.name === 'avg' || s.name === 'value' ? 2 : 1,
            spanGaps: false,
        })));
        const options = {
            width: Math.max(280, target.clientWidth),
            height: 320,
            series,
            axes: [{}, { label: data.unit ?? '' }],
            scales: { x: { time: true } },
            // Times read as everywhere else in the portal: UTC, 24-hour, year-month-day.
            tzDate: seconds => window.uPlot.tzDate(new Date(seconds * 1e3), 'Etc/UTC'),
            fmtDate: template => window.uPlot.fmtDate(utcTemplate(template)),
        };
        target.dataset.drawn = 'true';
        const chart = new window.uPlot(options, [data.times].concat(data.series.map(s => s.values)), target);
        new ResizeObserver(() => chart.setSize({ width: Math.max(280, target.clientWidth), height: 320 })).observe(target);
    }
}

document.addEventListener('click', event => {
    const button = event.target.closest('[data-copy]');
    if (button) {
        event.preventDefault();
        copy(button);
    }
});

startLiveRegions(document);
if (document.readyState === 'complete') {
    drawCharts(document);
} else {
    addEventListener('load', () => drawCharts(document));
}
