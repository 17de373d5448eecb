"""Evidence page: the mentions behind the map, sentence first, with CSV download."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard import cache, queries, ui
from dashboard.i18n import event_label, modality_label, place_label, t
from dashboard.mapview import escape_text, safe_link

PAGE_SIZE = 50

ctx = ui.context()
lang = ctx.lang
filters = ui.with_place(ctx.filters, ui.selected_place())


def highlight(sentence: str, spans: list[tuple[int | None, int | None, str]]) -> str:
    """The sentence, escaped, with each (start, end, css class) span marked. Offsets are into the sentence.

    Overlapping or out-of-range spans are dropped rather than guessed.
    """
    marks = sorted((s, e, c) for s, e, c in spans if s is not None and e is not None and 0 <= s < e <= len(sentence))
    out, position = [], 0
    for start, end, css in marks:
        if start < position:
            continue
        out.append(escape_text(sentence[position:start]))
        out.append(f"<mark class='{css}'>{escape_text(sentence[start:end])}</mark>")
        position = end
    out.append(escape_text(sentence[position:]))
    return "".join(out)


def _offset(value, base) -> int | None:
    if value is None or pd.isna(value) or base is None or pd.isna(base):
        return None
    return int(value) - int(base)


def evidence_rows_html(rows: pd.DataFrame) -> str:
    head = "".join(f"<th>{escape_text(t(k, lang))}</th>" for k in
                   ("col_date", "col_place", "col_event", "col_sentence", "col_report", "col_source",
                    "col_published", "col_confidence"))
    body = []
    for r in rows.itertuples():
        sentence = str(r.evidence)
        spans = []
        for text, start, end, css in ((r.place_text, r.place_char_start, r.place_char_end, "dmon-place"),
                                      (r.trigger_text, r.trigger_char_start, r.trigger_char_end, "dmon-trigger")):
            s, e = _offset(start, r.char_start), _offset(end, r.char_start)
            if (s is None or sentence[s:e] != text) and isinstance(text, str) and text:
                found = sentence.find(text)  # offsets disagree with the sentence: fall back to the text
                s, e = (found, found + len(text)) if found >= 0 else (None, None)
            spans.append((s, e, css))
        direction = "rtl" if r.language == "ar" else "auto"
        body.append(
            "<tr class='dmon-evidence-row'>"
            f"<td class='dmon-date'>{escape_text(r.mention_date.date() if pd.notna(r.mention_date) else '')}</td>"
            f"<td>{escape_text(place_label(r.place_name_en, r.place_name_ar, lang, r.place_id))}</td>"
            f"<td>{escape_text(event_label(r.event_type, lang))}<br><small>"
            f"{escape_text(modality_label(r.modality, lang))}</small></td>"
            f"<td dir='{direction}' class='dmon-sentence'>{highlight(sentence, spans)}</td>"
            f"<td>{safe_link(r.url, r.report_title or r.url)}</td>"
            f"<td>{escape_text(r.source_name)}</td>"
            f"<td class='dmon-date'>{escape_text(r.published_date.date() if pd.notna(r.published_date) else '')}</td>"
            f"<td>{r.confidence:.2f}</td></tr>"
        )
    style = ("<style>.dmon-evidence td{vertical-align:top;padding:4px 6px;border-bottom:1px solid #ddd}"
             ".dmon-evidence td.dmon-date{white-space:nowrap;direction:ltr}"
             "mark.dmon-place{background:#cde4ff}mark.dmon-trigger{background:#ffd9a8}</style>")
    return f"{style}<table class='dmon-evidence'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


st.subheader(t("evidence_title", lang))
selected = ui.selected_place()
if selected:
    note, clear = st.columns([4, 1])
    chosen = cache.place_choices(ctx.db_path).set_index("place_id")
    name = (place_label(chosen.at[selected, "name_en"], chosen.at[selected, "name_ar"], lang, selected)
            if selected in chosen.index else selected)
    note.info(t("evidence_selected_place", lang, place=name))
    if clear.button(t("clear_selection", lang), key="clear_selected_place"):
        ui.select_place(None)
        st.session_state["_last_clicked_place"] = None
        st.rerun()
total = cache.mention_count(ctx.db_path, filters)
pages = max(1, math.ceil(total / PAGE_SIZE))
page_number = st.number_input(t("page_number", lang), min_value=1, max_value=pages, value=1, step=1,
                              key="evidence_page") if pages > 1 else 1
rows = cache.evidence(ctx.db_path, filters, limit=PAGE_SIZE, offset=(int(page_number) - 1) * PAGE_SIZE)
st.caption(t("evidence_count", lang, shown=len(rows), total=total))
if rows.empty:
    st.info(t("no_mentions", lang))
else:
    st.markdown(evidence_rows_html(rows), unsafe_allow_html=True)


def _csv() -> bytes:
    return queries.mentions_export(ctx.db_path, filters).to_csv(index=False).encode("utf-8")


st.download_button(t("download_csv", lang), data=_csv, file_name=f"mentions-{filters.date_from}-{filters.date_to}.csv",
                   mime="text/csv", key="download_csv", disabled=total == 0, on_click="ignore")
