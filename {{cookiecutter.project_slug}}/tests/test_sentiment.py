"""The sentiment page: the model loads once per process, runs once per new text, and
each session keeps its own results.

A spy stands in the model's two seams, at module level in model.py, where the page's
callback looks them up on every call: what ``load_model`` builds (each build is a
load) and ``predict`` (each call is a model call, and it can be told to fail). If you
swap the model, point ``_CountedModel`` at the class your ``load_model`` builds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
import streamlit as st

from app.pages import ACCOUNT, page_named
from app.sentiment import model
from app.sentiment.callbacks import (
    EMPTY_TEXT,
    MODEL_FAILED,
    too_long,
)
from app.sentiment.state import (
    ANALYSE,
    DEFAULT_FONT_SIZE,
    ERROR,
    FONT_SIZE,
    HISTORY_LENGTH,
    MAX_TEXT_LENGTH,
    RESULTS,
    SHOW_DETAILS,
    TEXT,
)
from app.session import LOG_OUT, RESET_ALL, RESET_PAGE

PAGE = page_named("sentiment").path


@dataclass
class ModelSpy:
    models: list = field(default_factory=list)  # every model object built: one per load
    calls: list[str] = field(default_factory=list)  # the text of every predict() call
    failing_loads: int = 0  # how many of the next loads raise
    failing_calls: int = 0  # how many of the next predict() calls raise

    @property
    def loads(self) -> int:
        return len(self.models)


@pytest.fixture(autouse=True)
def spy(monkeypatch: pytest.MonkeyPatch):
    """Counts loads and calls. Streamlit's resource cache lives as long as the process,
    so it is emptied before and after each test, as for a new server: a model built
    under another test's spy would otherwise be reused."""
    spy = ModelSpy()

    class _CountedModel(model.SentimentIntensityAnalyzer):
        def __init__(self) -> None:
            if spy.failing_loads:
                spy.failing_loads -= 1
                raise OSError("the model's files could not be read")
            super().__init__()
            spy.models.append(self)

    real_predict = model.predict

    def counted_predict(text: str) -> model.Prediction:
        spy.calls.append(text)
        if spy.failing_calls:
            spy.failing_calls -= 1
            raise RuntimeError("the model crashed")
        return real_predict(text)

    monkeypatch.setattr(model, "SentimentIntensityAnalyzer", _CountedModel)
    monkeypatch.setattr(model, "predict", counted_predict)
    st.cache_resource.clear()
    yield spy
    st.cache_resource.clear()


@pytest.fixture
def on_page(new_user):
    """Opens a new session on the sentiment page."""
    return lambda: new_user().open(PAGE)


@pytest.fixture
def reader(on_page):
    return on_page()


def analyse(user, text: str):
    """Type ``text`` into the text area, then click Analyse: two interactions."""
    return user.set("text_area", TEXT, text).click(ANALYSE)


def result(user) -> str | None:
    """The result line as the user reads it, or None when none is shown."""
    shown = _html(user)
    return re.sub(r"<[^>]+>", "", shown) if shown is not None else None


def _html(user) -> str | None:
    # Read st.html through its proto: AppTest in Streamlit 1.63 has no html accessor.
    found = user.at.main.get("html")
    return found[0].proto.body if found else None


def history(user) -> list[str]:
    """The history table's texts, top row first; [] when no table is shown."""
    if not user.at.main.dataframe:
        return []
    return list(user.at.main.dataframe[0].value["Text"])


def test_a_new_session_shows_no_result_and_runs_no_model(reader, spy):
    assert reader.title == "Sentiment"
    assert result(reader) is None
    assert reader.at.main.info
    assert spy.calls == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("I love this!", "Positive", id="positive"),  # 65% confidence
        pytest.param("This is terrible.", "Negative", id="negative"),  # 45%
        pytest.param("The bus leaves at nine.", "Neutral", id="neutral"),  # 100%
        pytest.param("I love this, it is wonderful and amazing!", "Strongly positive", id="94"),
        pytest.param("I hate this awful, horrible mess.", "Strongly negative", id="92"),
        pytest.param("It is okay I guess.", "Slightly positive", id="19"),
    ],
)
def test_analyse_shows_the_real_models_label_and_how_clear_it_is(reader, text, shown):
    analyse(reader, text)
    assert result(reader) == shown
    assert reader.at.main.text[0].value == text


def test_the_text_is_shown_as_typed_not_as_markup(reader):
    analyse(reader, "**great** [offer](https://example.com) :red[now]")
    assert reader.at.main.text[0].value == "**great** [offer](https://example.com) :red[now]"


def test_each_click_on_a_new_text_calls_the_model_once(reader, spy):
    analyse(reader, "I love this!")
    assert spy.calls == ["I love this!"]
    analyse(reader, "This is terrible.")
    assert spy.calls == ["I love this!", "This is terrible."]


def test_analysing_the_same_text_again_reuses_the_stored_result(reader, spy):
    analyse(reader, "I love this!").click(ANALYSE)
    analyse(reader, "  I love this!\n")
    assert spy.calls == ["I love this!"]
    assert result(reader) == "Positive"


def test_an_earlier_text_is_reused_and_moves_to_the_top_of_the_history(reader, spy):
    analyse(reader, "I love this!")
    analyse(reader, "This is terrible.")
    analyse(reader, "I love this!")
    assert len(spy.calls) == 2
    assert result(reader) == "Positive"
    assert history(reader) == ["I love this!", "This is terrible."]


def test_display_controls_rerender_without_calling_the_model(reader, spy):
    analyse(reader, "I love this!")
    reader.set("slider", FONT_SIZE, 40).set("toggle", SHOW_DETAILS, True)
    reader.set("toggle", SHOW_DETAILS, False).set("slider", FONT_SIZE, 16)
    assert spy.calls == ["I love this!"]
    assert result(reader) == "Positive"


def test_the_size_slider_resizes_the_result(reader):
    analyse(reader, "I love this!").set("slider", FONT_SIZE, 40)
    assert "font-size: 40px" in (_html(reader) or "")


def test_show_details_shows_the_models_scores_and_what_they_mean(reader):
    analyse(reader, "I love this!")
    assert not reader.at.main.json
    reader.set("toggle", SHOW_DETAILS, True)
    assert '"compound": 0.6696' in reader.at.main.json[0].value
    assert reader.at.main.caption[-1].value == f"Confidence 65%. {model.DESCRIPTION}"


def test_typing_without_clicking_analyse_calls_no_model(reader, spy):
    reader.set("text_area", TEXT, "I love this!")
    assert spy.calls == []
    assert result(reader) is None


def test_the_model_loads_once_across_several_sessions(on_page, spy):
    for text in ("I love this!", "This is terrible.", "The bus leaves at nine."):
        analyse(on_page(), text)
    assert spy.loads == 1
    assert len(spy.calls) == 3


def test_every_session_uses_the_one_loaded_model(on_page, spy):
    analyse(on_page(), "I love this!")
    analyse(on_page(), "This is terrible.")
    assert model.load_model() is spy.models[0]


def test_history_keeps_only_the_last_results_newest_first(reader):
    texts = [f"Review number {n} is good." for n in range(HISTORY_LENGTH + 2)]
    for text in texts:
        analyse(reader, text)
    assert len(reader.state[RESULTS]) == HISTORY_LENGTH
    assert history(reader) == texts[::-1][:HISTORY_LENGTH]


@pytest.mark.parametrize("blank", ["", "   \n\t  "], ids=["empty", "whitespace"])
def test_blank_text_is_refused_with_a_message_and_keeps_the_result(reader, spy, blank):
    analyse(reader, "I love this!")
    analyse(reader, blank)
    assert reader.at.main.error[0].value == EMPTY_TEXT
    assert result(reader) == "Positive"
    assert spy.calls == ["I love this!"]


def test_text_over_the_limit_is_refused_with_a_message_and_keeps_the_result(reader, spy):
    analyse(reader, "I love this!")
    analyse(reader, "a" * (MAX_TEXT_LENGTH + 1))
    assert reader.at.main.error[0].value == too_long(MAX_TEXT_LENGTH + 1)
    assert result(reader) == "Positive"
    assert spy.calls == ["I love this!"]


def test_text_at_the_limit_is_analysed(reader, spy):
    analyse(reader, "a" * MAX_TEXT_LENGTH)
    assert not reader.at.main.error
    assert len(spy.calls) == 1


def test_a_model_error_keeps_the_previous_result_and_shows_an_error(reader, spy):
    analyse(reader, "I love this!")
    spy.failing_calls = 1
    analyse(reader, "This is terrible.")
    assert reader.at.main.error[0].value == MODEL_FAILED
    assert result(reader) == "Positive"
    assert history(reader) == ["I love this!"]


def test_a_retry_after_a_model_error_works(reader, spy):
    spy.failing_calls = 1
    analyse(reader, "This is terrible.").click(ANALYSE)
    assert spy.calls == ["This is terrible.", "This is terrible."]
    assert result(reader) == "Negative"
    assert not reader.at.main.error


def test_a_model_that_fails_to_load_is_loaded_on_the_next_click(reader, spy):
    spy.failing_loads = 1
    analyse(reader, "I love this!")
    assert reader.at.main.error[0].value == MODEL_FAILED
    reader.click(ANALYSE)
    assert result(reader) == "Positive"
    assert spy.loads == 1


def test_a_new_result_clears_the_last_error(reader):
    analyse(reader, "   ")
    analyse(reader, "I love this!")
    assert not reader.at.main.error
    assert reader.state[ERROR] == ""


@pytest.mark.parametrize("button", [RESET_PAGE, RESET_ALL], ids=["reset-page", "reset-all"])
def test_a_reset_drops_the_results_and_keeps_the_model_loaded(reader, spy, button):
    analyse(reader, "I love this!").set("slider", FONT_SIZE, 40).click(button)
    assert result(reader) is None
    assert history(reader) == []
    assert reader.at.slider(key=FONT_SIZE).value == DEFAULT_FONT_SIZE
    analyse(reader, "I love this!")
    assert len(spy.calls) == 2  # the stored result went with the reset
    assert spy.loads == 1


def test_log_out_drops_the_results_and_keeps_the_model_loaded(reader, spy):
    reader.open(ACCOUNT.path).sign_in("Ada").open(PAGE)
    analyse(reader, "I love this!").click(LOG_OUT)
    assert reader.state[RESULTS] == []
    reader.open(PAGE)
    assert result(reader) is None
    analyse(reader, "I love this!")
    assert len(spy.calls) == 2
    assert spy.loads == 1


def test_the_text_and_result_survive_a_visit_to_another_page(reader, spy):
    analyse(reader, "I love this!").open(ACCOUNT.path).open(PAGE)
    assert reader.at.text_area(key=TEXT).value == "I love this!"
    assert result(reader) == "Positive"
    assert len(spy.calls) == 1


def test_two_sessions_keep_their_own_results(on_page):
    first, second = on_page(), on_page()
    analyse(first, "I love this!")
    analyse(second, "This is terrible.")
    first.set("slider", FONT_SIZE, 40)
    assert result(first) == "Positive"
    assert result(second) == "Negative"
    assert history(first) == ["I love this!"]
    assert "font-size: 40px" not in (_html(second) or "")


def test_a_result_in_one_session_is_not_reused_by_another(on_page, spy):
    analyse(on_page(), "I love this!")
    analyse(on_page(), "I love this!")
    assert len(spy.calls) == 2
    assert spy.loads == 1
