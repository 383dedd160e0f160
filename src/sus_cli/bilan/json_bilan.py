"""`sus bilan --format json`: the contract's object (spec §5) and more."""

from __future__ import annotations

from sus_cli.bilan.donnees import DonneesBilan
from sus_cli.figures.fiches import Budget, ChiffresFiche
from sus_cli.figures.indicateurs import ChiffresIndicateur
from sus_cli.figures.synthese import Synthese


def _arrondi(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def budget(b: Budget) -> dict:
    return {"prevu": b.prevu, "engage": b.engage, "consomme": b.consomme}


def synthese(s: Synthese) -> dict:
    return {"fiches": s.fiches, "par_statut": s.par_statut, "en_retard": s.en_retard,
            "validees": s.validees, "avec_deux_indicateurs": s.avec_deux_indicateurs,
            "taux_realisation": _arrondi(s.taux_realisation), "atteinte": _arrondi(s.atteinte),
            "atteinte_non_calculable": s.atteinte_non_calculable, "budget": budget(s.budget),
            "fiches_en_retard": list(s.retards)}


def indicateur(i: ChiffresIndicateur) -> dict:
    return {"id": i.id, "libelle": i.libelle, "unite": i.unite, "reference": i.reference,
            "valeur_precedente": i.valeur_precedente.valeur, "valeur": i.valeur.valeur, "cible": i.cible, "annee_cible": i.annee_cible,
            "atteinte": _arrondi(i.atteinte), "commentaire": i.valeur.commentaire,
            "periode": i.valeur.periode, "estimation": i.valeur.estimation, "sens": i.sens,
            "atteinte_non_calculable": i.raison}


def fiche(f: ChiffresFiche) -> dict:
    return {"id": f.id, "titre": f.fiche.titre, "porteur": f.fiche.porteur, "statut": f.fiche.statut,
            "en_retard": f.en_retard, "budget": budget(f.budget), "note": f.note, "atteinte": _arrondi(f.atteinte),
            "indicateurs": [indicateur(i) for i in f.indicateurs], "chemin": f.chemin,
            "validation": f.fiche.etat_validation, "dispositifs": list(f.fiche.dispositifs),
            "debut": f.fiche.debut.isoformat() if f.fiche.debut else None,
            "fin": f.fiche.fin.isoformat() if f.fiche.fin else None}


def evolutions(e) -> dict | None:
    if e is None:
        return None
    return {"creees": [i for i, _ in e.creees],
            "validees": [{"id": i, "le": le.isoformat(), "par": par} for i, _, le, par in e.validees],
            "changements_de_statut": None if e.statuts is None else
            [{"id": i, "avant": avant, "apres": apres} for i, _, avant, apres in e.statuts],
            "mises_a_jour": {i: n for i, _, n in e.mises_a_jour},
            "contributeurs": {nom: n for nom, n in e.contributeurs}, "commits": e.commits}


def en_dict(donnees: DonneesBilan) -> dict:
    b = donnees.bilan
    schema = b.config.schema_
    return {
        "annee": b.annee,
        "schema": {"titre": schema.titre, "collectivite": schema.collectivite, "debut": schema.debut,
                   "fin": schema.fin},
        "genere_le": donnees.genere_le.isoformat(),
        "source": donnees.source,
        "modifications_non_commitees": list(donnees.non_commitees),
        "synthese": synthese(b.synthese),
        "volets": [{"code": v.code, "titre": v.titre, "synthese": synthese(v.synthese),
                    "axes": [{"numero": a.numero, "titre": a.titre, "synthese": synthese(a.synthese),
                              "objectifs": [{"numero": o.numero, "titre": o.titre, "synthese": synthese(o.synthese),
                                             "fiches": [fiche(f) for f in o.fiches]} for o in a.objectifs]}
                             for a in v.axes]} for v in b.volets],
        "porteurs": [{"code": c.code, "nom": c.nom, "synthese": synthese(c.synthese), "fiches": list(c.fiches)}
                     for c in b.porteurs],
        "dispositifs": [{"code": c.code, "synthese": synthese(c.synthese), "fiches": list(c.fiches)}
                        for c in b.dispositifs],
        "fiches_ecartees": [{"chemin": e.chemin, "id": e.id, "raison": e.raison} for e in b.ecartees],
        "evolutions": evolutions(donnees.evolutions),
        "mots_du_departement": None if donnees.mots is None else {"chemin": donnees.mots.chemin,
                                                                    "texte": donnees.mots.texte},
        "qualite": {"erreurs": donnees.qualite.erreurs, "avertissements": donnees.qualite.avertissements,
                    "fiches_avec_erreurs": donnees.qualite.fiches_avec_erreurs,
                    "regles": {l.code: l.diagnostics for l in donnees.qualite.regles}},
    }


def en_octets(donnees: DonneesBilan, indent: int | None = 2) -> bytes:
    """The JSON bilan as UTF-8 text (a final line break), encoded piece by piece: json.dumps
    with an indent holds every piece of a large bilan at once (five times its size)."""
    import io
    import json

    encodeur = json.JSONEncoder(ensure_ascii=False, indent=indent,
                                separators=None if indent is not None else (",", ":"))
    flux, morceaux = io.BytesIO(), []
    for morceau in encodeur.iterencode(en_dict(donnees)):
        morceaux.append(morceau)
        if len(morceaux) == 10_000:
            flux.write("".join(morceaux).encode("utf-8"))
            morceaux.clear()
    flux.write(("".join(morceaux) + "\n").encode("utf-8"))
    return flux.getvalue()
