"""Figures page: numbers of displaced (and other) people per place, sources side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache, ui
from dashboard.i18n import place_label, t, unit_label, vocabulary_label

CATEGORY_ORDER = ("displaced", "returned", "killed", "injured", "missing")

ctx = ui.context()
lang = ctx.lang

st.subheader(t("figures_title", lang))
st.caption(t("figures_help", lang))
numbers = cache.figures(ctx.db_path, ctx.filters)
if numbers.empty:
    st.info(t("no_figures", lang))
else:
    # Displacement first: it is what this page is for; other categories (returned, killed...) follow.
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    numbers = numbers.assign(
        place=[place_label(en, ar, lang, pid or "—") for en, ar, pid in
               zip(numbers["place_name_en"], numbers["place_name_ar"], numbers["place_id"], strict=False)],
        source=numbers["source_name"].fillna("—"),
        rank=[order.get(c, len(order)) for c in numbers["category"]],
        category=[vocabulary_label("categories", c, lang) for c in numbers["category"]],
        unit=[unit_label(u, lang) for u in numbers["unit"]],
    )
    side_by_side = (numbers.pivot_table(index=["rank", "place", "category", "unit"], columns="source",
                                        values="quantity", aggfunc="max")
                    .reset_index().sort_values(["rank", "place"]).drop(columns="rank"))
    labels = {"place": t("col_place", lang), "category": t("col_category", lang), "unit": t("col_unit", lang)}
    # A source that gave no figure for a row shows an empty cell (the grid would print "None").
    for column in side_by_side.columns:
        if column not in labels:
            side_by_side[column] = [f"{int(v):,}" if pd.notna(v) else "" for v in side_by_side[column]]
    st.dataframe(side_by_side.rename(columns=labels), hide_index=True, key="figures_table")
    st.markdown(f"**{t('figures_detail', lang)}**")
    detail = numbers.sort_values(["rank", "place", "effective_date"])[
        ["place", "category", "quantity", "unit", "source", "effective_date", "evidence", "report_title", "url"]].copy()
    detail["effective_date"] = pd.to_datetime(detail["effective_date"]).dt.date
    headers = {"place": "col_place", "category": "col_category", "quantity": "col_quantity", "unit": "col_unit",
               "source": "col_source", "effective_date": "col_date", "evidence": "col_sentence",
               "report_title": "col_report"}
    st.dataframe(detail, hide_index=True, key="figures_detail",
                 column_config={**{c: t(k, lang) for c, k in headers.items()},
                                "quantity": st.column_config.NumberColumn(t("col_quantity", lang), format="localized"),
                                "url": st.column_config.LinkColumn(t("col_link", lang))})
