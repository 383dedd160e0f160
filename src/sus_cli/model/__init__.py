"""The pydantic models of the data contract (spec §1-2), nothing else."""

from sus_cli.model.config import Config
from sus_cli.model.fiche import Fiche, Indicateur

__all__ = ["Config", "Fiche", "Indicateur"]
