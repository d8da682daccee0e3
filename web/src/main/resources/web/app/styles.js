import {css} from 'lit';

/** Shared look: calm colours, large touch targets, readable at arm's length at 3 a.m. */
export const shared = css`
  :host { display: block; color: #1d2b28; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  h1, h2, h3 { line-height: 1.2; margin: 0 0 .5rem; }
  h2 { font-size: 1.25rem; }
  .card { background: #fff; border-radius: 12px; padding: 1rem; margin: 0 0 1rem; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  button, .button { font: inherit; border: 0; border-radius: 10px; padding: .75rem 1rem; min-height: 48px; cursor: pointer;
    background: #2f6f62; color: #fff; text-decoration: none; display: inline-flex; align-items: center; justify-content: center; }
  button.secondary, .button.secondary { background: #e4efec; color: #1d2b28; }
  button.danger { background: #a33b2f; }
  button:disabled { opacity: .5; cursor: default; }
  .row { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; }
  .grow { flex: 1; }
  label { display: block; margin: .5rem 0; font-weight: 600; }
  label span.hint { font-weight: 400; color: #5b6b67; }
  input, select { font: inherit; padding: .6rem; border: 1px solid #b9c9c4; border-radius: 8px; width: 100%; box-sizing: border-box; min-height: 44px; }
  label.check { display: flex; gap: .75rem; align-items: flex-start; }
  label.check input { width: 1.5rem; height: 1.5rem; min-height: 0; flex: none; margin: 0; accent-color: #2f6f62; }
  label.check span.hint, label.check .error { display: block; }
  .error { color: #a33b2f; }
  .muted { color: #5b6b67; }
  .big { font-size: 2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
  progress { width: 100%; height: 12px; accent-color: #2f6f62; }
  ul.plain { list-style: none; padding: 0; margin: 0; }
  ul.plain li { padding: .6rem 0; border-bottom: 1px solid #e4efec; }
  .badge { font-size: .8rem; border-radius: 999px; padding: .1rem .5rem; background: #f3e7c9; color: #5a4510; }
  .badge.refused { background: #f6d5d0; color: #7a241a; }
`;
