"""What a stage is: a name, a version, the ``Article`` fields it reads and fills, and a class
built once from the settings (lexicons, models, gazetteer) and then called per article.

The contract is declared on the stage class, next to its code, and checked when the class is
defined (so at import): a ``requires`` or ``assigns`` name that is not a field of ``Article``
raises ``ConfigError`` naming the stage and the field. ``pipeline.check_order`` then refuses a
stage list in which a stage reads a field no earlier stage filled.
"""

from __future__ import annotations

from dataclasses import fields
from typing import ClassVar

from ..errors import ConfigError
from ..lang.floor import Floor, floor_for
from ..model import Article
from ..settings import Settings

ARTICLE_FIELDS = frozenset(f.name for f in fields(Article))


class Stage:
    """Base class of the pipeline's stages.

    Subclasses set ``name``, ``version``, ``requires`` and ``assigns`` and implement ``run``
    (one article) or, for stages that stream (spaCy), ``run_batch``.
    """

    name: ClassVar[str]
    version: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()
    batched: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        check_contract(cls)

    def __init__(self, settings: Settings, floor: Floor | None = None) -> None:
        self.settings = settings
        self.floor = floor or floor_for(settings)

    def run(self, article: Article) -> Article:
        """Fill this stage's fields of ``article`` and stamp it with the stage's version."""
        self.fill(article)
        for field_name in self.stamped:
            article.stages[field_name] = self.stamp_version()
        return article

    def fill(self, article: Article) -> None:
        raise NotImplementedError

    def run_batch(self, articles: list[Article]) -> list[Article]:
        for article in articles:
            self.run(article)
        return articles

    @property
    def stamped(self) -> tuple[str, ...]:
        """The names under which the version is recorded in ``article.stages``."""
        return (self.name,)

    def stamp_version(self) -> str:
        """The version recorded on each article (stages whose output depends on a model or a
        data build add its identity)."""
        return self.version


def check_contract(cls: type[Stage]) -> None:
    name = getattr(cls, "name", None)
    if not name or not getattr(cls, "version", None):
        raise ConfigError(f"stage class {cls.__name__} declares no name or version")
    for kind in ("requires", "assigns"):
        for field_name in getattr(cls, kind):
            if field_name not in ARTICLE_FIELDS:
                raise ConfigError(
                    f"stage {name!r} {kind} {field_name!r}, which is not a field of Article",
                    hint=f"Article's fields are: {', '.join(sorted(ARTICLE_FIELDS))}")
