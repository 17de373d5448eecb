"""Figures page: numbers of displaced (and other) people per place, sources side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cache, ui
from dashboard.i18n import place_label, t

ctx = ui.context()
lang = ctx.lang

st.subheader(t("figures_title", lang))
st.caption(t("figures_help", lang))
numbers = cache.figures(ctx.db_path, ctx.filters)
if numbers.empty:
    st.info(t("no_figures", lang))
else:
    numbers = numbers.assign(
        place=[place_label(en, ar, lang, pid or "—") for en, ar, pid in
               zip(numbers["place_name_en"], numbers["place_name_ar"], numbers["place_id"], strict=False)],
        source=numbers["source_name"].fillna("—"),
    )
    side_by_side = (numbers.pivot_table(index=["place", "category", "unit"], columns="source", values="quantity",
                                        aggfunc="max")
                    .reset_index())
    st.dataframe(side_by_side, hide_index=True, key="figures_table")
    st.markdown(f"**{t('figures_detail', lang)}**")
    detail = numbers[["place", "category", "quantity", "unit", "source", "effective_date", "evidence",
                      "report_title", "url"]].copy()
    detail["effective_date"] = pd.to_datetime(detail["effective_date"]).dt.date
    st.dataframe(detail, hide_index=True, key="figures_detail",
                 column_config={"url": st.column_config.LinkColumn("url")})
