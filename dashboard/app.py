"""The dashboard's entry point: `streamlit run dashboard/app.py -- --db FILE` (or `dmon serve`).

One shared sidebar (dashboard/ui.py), thin pages in dashboard/app_pages/ (not `pages/`: a folder of that
name next to the entry point switches Streamlit to its older multipage mode), data through
dashboard/cache.py over dashboard/queries.py.
"""

from __future__ import annotations

import logging

import streamlit as st

from dashboard import ui
from dashboard.i18n import t

log = logging.getLogger(__name__)

st.set_page_config(page_title="Displacement monitor", page_icon="🗺️", layout="wide")

st.session_state.pop("_dmon_context", None)
language = st.session_state.get("lang", "en")
pages = [
    st.Page("app_pages/map.py", title=t("page_map", language), url_path="map", default=True),
    st.Page("app_pages/evidence.py", title=t("page_evidence", language), url_path="evidence"),
    st.Page("app_pages/figures.py", title=t("page_figures", language), url_path="figures"),
]
page = st.navigation(pages)
st.title(t("app_title", st.session_state.get("lang", "en")))
try:
    ctx = ui.setup()
    if ctx is not None:
        page.run()
except Exception as exc:  # an unexpected failure is shown as a message, never a traceback
    log.exception("dashboard page failed")
    st.error(f"{t('error_title', ui.lang())}: {type(exc).__name__}: {exc}\n\n"
             "Reload the page; if this persists, run `dmon serve -v` and report the log.")
