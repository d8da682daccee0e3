import {LitElement, html, css} from 'lit';
import {msg, str, updateWhenLocaleChanges} from '@lit/localize';
import {shared} from './styles.js';
import {loadFailed, loadScreen} from './failure.js';
import {api} from './api.js';
import {formatDate, formatDateTime, formatNumber} from './i18n.js';
import {digits, fromMl, unitLabel} from './units.js';

/** The status in words, with a mark that is not only a colour. */
export function statusLabel(status) {
  switch (status) {
    case 'STABLE':
      return msg('Steady', {id: 'status.stable'});
    case 'WATCH':
      return msg('Worth watching', {id: 'status.watch'});
    case 'SEEK_HELP':
      return msg('Time to ask for help', {id: 'status.seekHelp'});
    default:
      return msg('Not enough data yet', {id: 'status.insufficient'});
  }
}

const MARKS = {STABLE: '✓', WATCH: '!', SEEK_HELP: '!!', INSUFFICIENT_DATA: '…'};

/** The mark shown beside a status's words (so that colour never carries it alone). */
export function statusMark(status) {
  return MARKS[status] || '…';
}

function advice(status) {
  switch (status) {
    case 'STABLE':
      return msg('Keep going as you do. Supplyline keeps watching your trend.', {id: 'advice.stable'});
    case 'WATCH':
      return msg('Keep removing milk as often as you do and keep logging: if the change goes on, Supplyline tells you.', {id: 'advice.watch'});
    case 'SEEK_HELP':
      return msg('Contact a lactation consultant or your midwife in the next day or two, and keep removing milk as often as you do now. This is common and help works best early.', {id: 'advice.seekHelp'});
    default:
      return msg('Log every pumping or nursing for a few more days to see your trend.', {id: 'advice.insufficient'});
  }
}

/**
 * A trend as the analytics-service gives it (the parent's own, or a patient's for a clinician): the status card with
 * why and what to do, the numbers behind it, the 28-day chart with the baseline and current weeks, and the same
 * days as a table (the chart's text alternative).
 */
export class SlTrendView extends LitElement {
  static properties = {trend: {attribute: false}, unit: {}, audience: {}};
  static styles = [shared, css`
    .status { display: flex; gap: .75rem; align-items: center; }
    .mark { font-weight: 800; border-radius: 999px; min-width: 2.2rem; height: 2.2rem; display: inline-flex;
      align-items: center; justify-content: center; background: #e4efec; color: #1d2b28; }
    .STABLE .mark { background: #d5eadf; } .WATCH .mark { background: #f3e7c9; } .SEEK_HELP .mark { background: #f6d5d0; }
    dl { display: grid; grid-template-columns: auto auto; gap: .25rem 1rem; margin: .5rem 0 0; }
    dt { color: #5b6b67; } dd { margin: 0; font-variant-numeric: tabular-nums; text-align: right; }
    #chart { width: 100%; height: 280px; }
    table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { text-align: right; padding: .25rem .4rem; border-bottom: 1px solid #e4efec; }
    th:first-child, td:first-child { text-align: left; }
  `];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.unit = 'ML';
  }

  disconnectedCallback() {
    this.stopResizing?.();
    this.stopResizing = undefined;
    const element = this.renderRoot?.querySelector('#chart');
    if (element && this.chart) {
      this.chart.dispose(element);
    }
    super.disconnectedCallback();
  }

  volume(ml) {
    return ml === null || ml === undefined ? '—' : `${formatNumber(fromMl(ml, this.unit), digits(this.unit))} ${unitLabel(this.unit)}`;
  }

  render() {
    const t = this.trend;
    if (!t) {
      return '';
    }
    const e = t.explanation;
    return html`
      <section class="card ${t.status}" aria-labelledby="status-title" id="status-card">
        <div class="status">
          <span class="mark" aria-hidden="true">${statusMark(t.status)}</span>
          <h2 id="status-title">${statusLabel(t.status)}</h2>
        </div>
        ${e?.why ? html`<p id="why">${e.why}</p>` : ''}
        <p id="advice">${this.audience === 'clinician' ? '' : advice(t.status)}</p>
        <dl id="numbers">
          ${e?.currentFrom ? html`<dt>${msg(str`Last 7 days (${formatDate(e.currentFrom)} – ${formatDate(e.currentTo)})`, {id: 'trend.current'})}</dt>
            <dd id="current-avg">${this.volume(t.currentAvgMl)} ${msg('a day', {id: 'trend.perDay'})}</dd>` : ''}
          ${e?.baselineFrom ? html`<dt>${msg(str`Baseline (${formatDate(e.baselineFrom)} – ${formatDate(e.baselineTo)})`, {id: 'trend.baseline'})}</dt>
            <dd id="baseline-avg">${this.volume(t.baselineAvgMl)} ${msg('a day', {id: 'trend.perDay'})}</dd>` : ''}
          ${t.changePct !== null && t.changePct !== undefined ? html`<dt>${msg('Change', {id: 'trend.change'})}</dt>
            <dd id="change">${t.changePct > 0 ? '+' : ''}${formatNumber(t.changePct, 1)} %</dd>` : ''}
          <dt>${msg('Removals a day', {id: 'trend.removals'})}</dt><dd id="removals">${formatNumber(t.removalsPerDay, 1)}</dd>
          ${t.longestGapHours !== null && t.longestGapHours !== undefined ? html`<dt>${msg('Longest gap', {id: 'trend.longestGap'})}</dt>
            <dd id="longest-gap">${formatNumber(t.longestGapHours, 1)} h</dd>` : ''}
          ${t.statusSince ? html`<dt>${msg('Since', {id: 'trend.since'})}</dt><dd>${formatDateTime(t.statusSince)}</dd>` : ''}
        </dl>
      </section>
      <section class="card" aria-labelledby="chart-title">
        <h2 id="chart-title">${msg(str`The last ${t.days.length} days`, {id: 'trend.chartTitle'})}</h2>
        <div id="chart" role="img"></div>
        <details>
          <summary>${msg('Show as a table', {id: 'trend.table'})}</summary>
          <table id="days">
            <thead><tr><th scope="col">${msg('Day', {id: 'trend.day'})}</th><th scope="col">${msg('Volume', {id: 'trend.volume'})} (${unitLabel(this.unit)})</th>
              <th scope="col">${msg('Removals', {id: 'trend.removalsShort'})}</th></tr></thead>
            <tbody>${[...t.days].reverse().map((d) => html`<tr data-date=${d.date}><td>${formatDate(d.date)}</td>
              <td class="volume">${formatNumber(fromMl(d.totalMl, this.unit), digits(this.unit))}</td><td class="removals">${d.removals}</td></tr>`)}</tbody>
          </table>
        </details>
      </section>`;
  }

  async updated() {
    // ECharts is a chunk of its own, loaded with the first chart: the first visit and Today do without it
    this.chart = await import('./chart.js');
    const {draw, resizeWith} = this.chart;
    const t = this.trend;
    const element = this.renderRoot.querySelector('#chart');
    if (!t || !element || !this.isConnected) {
      return;
    }
    const e = t.explanation;
    const weeks = [];
    if (e?.baselineFrom) {
      weeks.push({name: msg('Baseline', {id: 'trend.baselineShort'}), from: e.baselineFrom, to: e.baselineTo});
    }
    if (e?.currentFrom) {
      weeks.push({name: msg('Last 7 days', {id: 'trend.currentShort'}), from: e.currentFrom, to: e.currentTo});
    }
    draw(element, {
      dates: t.days.map((d) => d.date),
      labels: t.days.map((d) => formatDate(d.date)),
      volumes: t.days.map((d) => Number(fromMl(d.totalMl, this.unit).toFixed(digits(this.unit)))),
      removals: t.days.map((d) => d.removals),
      weeks,
      digits: digits(this.unit),
      text: {
        unit: unitLabel(this.unit), volume: `${msg('Volume', {id: 'trend.volume'})} (${unitLabel(this.unit)})`, removals: msg('Removals', {id: 'trend.removalsShort'}),
        description: msg('Daily volume and removals per day; the same days are in the table below.', {id: 'trend.chartLabel'}),
      },
    });
    this.stopResizing ??= resizeWith(element);
  }
}
customElements.define('sl-trend-view', SlTrendView);

/** The parent's Trend screen: GET /api/trends/me (28 days) in their unit. */
export class SlTrend extends LitElement {
  static properties = {profile: {attribute: false}, trend: {state: true}, offline: {state: true}, failed: {state: true}};
  static styles = shared;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  load() {
    return loadScreen(this, async () => {
      this.trend = (await api('trends/me?days=28')).body;
    });
  }

  render() {
    if (this.failed) {
      return loadFailed();
    }
    if (this.offline) {
      return html`<section class="card"><p class="muted">${msg('Offline: your trend shows when the network is back.', {id: 'trend.offline'})}</p></section>`;
    }
    if (!this.trend) {
      return html`<p class="muted">${msg('Loading…', {id: 'app.loading'})}</p>`;
    }
    return html`<sl-trend-view .trend=${this.trend} unit=${this.profile?.preferredUnit || 'ML'}></sl-trend-view>`;
  }
}
customElements.define('sl-trend', SlTrend);
