"""`sus bilan --format docx`: the bilan as an editable Word document, with
the content and order of the HTML bilan.

Built with python-docx rather than a Jinja-driven Word template (docxtpl):
the document is mostly tables and repeated blocks whose layout follows the
data (charts two by two, a series table per chart), which is plain Python
here and would be loops inside table cells of a template that Word users
cannot see nor safely edit. The département's own look comes from
`--modele`: its styles, page setup, header and footer (logo) are kept, its
body text is not. The style names used are listed in STYLES (and in
docs/word.md); Word translates the built-in ones (Heading 1 is « Titre 1 »).
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from sus_cli import francais, graphiques
from sus_cli.bilan.donnees import DonneesBilan

# Built-in Word styles, so that Word builds the table of contents and a
# département's model restyles everything.
STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Normal", "List Bullet",
          "List Number", "Caption", "Quote", "Table Grid", "Footer")
LARGEUR_GRAPHIQUE = Cm(8.2)
_CONTROLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class ErreurModele(Exception):
    """The --modele file cannot be used: French message."""


def _t(texte) -> str:
    """Text Word accepts: XML forbids most control characters."""
    return "" if texte is None else _CONTROLE.sub("", str(texte))


# -- the document and its model -------------------------------------------------


def _ouvrir(modele: Path | None):
    if modele is None:
        document = Document()
        section = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for cote in ("left_margin", "right_margin"):
            setattr(section, cote, Cm(1.5))
        section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.8)
        return document
    if not modele.is_file():
        raise ErreurModele(f"le modèle {modele} n'existe pas")
    if not zipfile.is_zipfile(modele):
        raise ErreurModele(f"le modèle {modele} n'est pas un document Word (.docx)")
    try:
        document = Document(str(modele))
    except Exception as err:  # python-docx raises several kinds on a bad package
        raise ErreurModele(f"le modèle {modele} ne peut pas être ouvert comme document Word : {err}") from None
    corps = document.element.body
    for enfant in list(corps):
        if enfant.tag != qn("w:sectPr"):  # the last section (page, header, footer) stays
            corps.remove(enfant)
    _completer_styles(document)
    return document


def _completer_styles(document) -> None:
    """Copy into a model the styles it lacks (Word keeps unused built-in styles latent, not defined)."""
    defaut = Document().styles
    presents = {s.name for s in document.styles}
    for nom in STYLES:
        if nom not in presents:
            document.styles.element.append(copy.deepcopy(defaut[nom].element))


def _champ(paragraphe, instruction: str, attente: str = "", ouvert: bool = False) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) with `attente` shown until Word updates it; `ouvert`:
    the field goes on over the next paragraphs, the caller ends it."""
    def run(enfant):
        r = OxmlElement("w:r")
        r.append(enfant)
        paragraphe._p.append(r)
    debut = OxmlElement("w:fldChar")
    debut.set(qn("w:fldCharType"), "begin")
    run(debut)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run(instr)
    separe = OxmlElement("w:fldChar")
    separe.set(qn("w:fldCharType"), "separate")
    run(separe)
    texte = OxmlElement("w:t")
    texte.set(qn("xml:space"), "preserve")
    texte.text = _t(attente)
    run(texte)
    if ouvert:
        return
    fin = OxmlElement("w:fldChar")
    fin.set(qn("w:fldCharType"), "end")
    run(fin)


def _numeroter_les_pages(document) -> None:
    """« Page 3 sur 12 » in every section's footer, unless the model already numbers its pages."""
    for section in document.sections:
        pied = section.footer
        if any("PAGE" in (i.text or "") for i in pied._element.iter(qn("w:instrText"))):
            continue
        paragraphe = pied.add_paragraph(style="Footer")
        paragraphe.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraphe.add_run("Page ")
        _champ(paragraphe, "PAGE", "1")
        paragraphe.add_run(" sur ")
        _champ(paragraphe, "NUMPAGES", "1")


def _mettre_a_jour_a_l_ouverture(document) -> None:
    """Ask Word to refresh the fields (table of contents, page count) when the document opens."""
    reglages = document.settings.element
    if reglages.find(qn("w:updateFields")) is None:
        maj = OxmlElement("w:updateFields")
        maj.set(qn("w:val"), "true")
        reglages.append(maj)


# -- building blocks --------------------------------------------------------------


def _paragraphe(document, texte: str = "", style: str | None = None, gras: bool = False, discret: bool = False):
    p = document.add_paragraph(style=style)
    if texte:
        run = p.add_run(_t(texte))
        run.bold = gras
        if discret:
            run.font.color.rgb = RGBColor(0x52, 0x60, 0x6D)
    return p


def _entete_repetee(ligne) -> None:
    proprietes = ligne._tr.get_or_add_trPr()
    entete = OxmlElement("w:tblHeader")
    entete.set(qn("w:val"), "true")
    proprietes.append(entete)


def _tableau(conteneur, entetes: list[str], lignes: list[list[str]], droite: set[int] = frozenset(),
             taille: float | None = None, largeur=None):
    """A real Word table: a bold header row repeated on each page, numbers aligned right."""
    tableau = conteneur.add_table(rows=1, cols=len(entetes))
    tableau.style = "Table Grid"
    tableau.alignment = WD_TABLE_ALIGNMENT.LEFT
    for ligne_texte, ligne in zip([entetes, *lignes], [tableau.rows[0], *[tableau.add_row() for _ in lignes]]):
        for i, (cellule, texte) in enumerate(zip(ligne.cells, ligne_texte)):
            p = cellule.paragraphs[0]
            run = p.add_run(_t(texte))
            run.bold = ligne is tableau.rows[0]
            if taille:
                run.font.size = Pt(taille)
            if i in droite:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _entete_repetee(tableau.rows[0])
    if hasattr(conteneur, "sections"):  # the document itself, not a table cell
        # Two tables in a row would be merged into one by Word and LibreOffice.
        conteneur.add_paragraph().paragraph_format.space_after = Pt(2)
    if largeur is not None:
        tableau.autofit = False
        for colonne, mesure in zip(tableau._tbl.tblGrid.findall(qn("w:gridCol")), largeur):
            colonne.set(qn("w:w"), str(mesure.twips))
        for i, colonne in enumerate(tableau.columns):
            for cellule in colonne.cells:
                cellule.width = largeur[i]
    return tableau


def _sans_bordure(tableau) -> None:
    proprietes = tableau._tbl.tblPr
    bordures = OxmlElement("w:tblBorders")
    for cote in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{cote}")
        b.set(qn("w:val"), "nil")
        bordures.append(b)
    proprietes.append(bordures)


# -- the bilan's parts ------------------------------------------------------------


def _non_calculables(n: int) -> str:
    if not n:
        return ""
    return f" ({francais.pluriel(n, 'fiche non calculable', 'fiches non calculables')}, laissée{'s' if n > 1 else ''} de côté)"


ENTETES_SYNTHESE = ["fiches", "réalisées", "taux de réalisation", "atteinte", "atteinte non calculable", "en retard",
                    "prévu", "engagé", "consommé"]


def _ligne_synthese(nom: str, s) -> list[str]:
    return [nom, str(s.fiches), str(s.par_statut.get("realisee", 0)), francais.pourcent(s.taux_realisation),
            francais.pourcent(s.atteinte), str(s.atteinte_non_calculable), str(s.en_retard),
            francais.euros(s.budget.prevu), francais.euros(s.budget.engage), francais.euros(s.budget.consomme)]


def _couverture(document, d: DonneesBilan):
    schema = d.schema
    _paragraphe(document, schema.collectivite, gras=True)
    document.add_paragraph(_t(f"Bilan {d.annee}"), style="Title")
    document.add_paragraph(_t(schema.titre), style="Subtitle")
    quand = f"Bilan de l'année {d.annee} pour le comité de pilotage, établi le {francais.date(d.genere_le)}"
    if d.etat_au:
        quand += f", d'après le schéma tel qu'il était le {francais.date(d.etat_au)}"
    _paragraphe(document, quand + ".")
    _paragraphe(document, "Sommaire", gras=True)
    place = document.add_paragraph()
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    return place


def _sommaire(document, place) -> None:
    """A table of contents field (Word fills in the page numbers when it updates it), showing the
    volets and axes until then: LibreOffice and viewers show that list as it is."""
    titres = [(p.style.name, p.text) for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    entrees = []
    for style, texte in titres or [("Heading 1", "")]:
        p = place.insert_paragraph_before()
        if style == "Heading 2":
            p.paragraph_format.left_indent = Cm(0.8)
        entrees.append((p, texte))
    premier, dernier = entrees[0][0], entrees[-1][0]
    _champ(premier, 'TOC \\o "1-2" \\h \\z \\u', entrees[0][1], ouvert=True)
    for p, texte in entrees[1:]:
        p.add_run(_t(texte))
    fin = OxmlElement("w:fldChar")
    fin.set(qn("w:fldCharType"), "end")
    r = OxmlElement("w:r")
    r.append(fin)
    dernier._p.append(r)
    place._p.getparent().remove(place._p)


def _synthese(document, d: DonneesBilan) -> None:
    b, s = d.bilan, d.bilan.synthese
    document.add_heading("Synthèse", level=1)
    retard = francais.pluriel(s.en_retard, "fiche en retard", "fiches en retard").split(" ", 1)[1]
    lignes = [
        ["Fiches actions", str(s.fiches)],
        ["Taux de réalisation", francais.pourcent(s.taux_realisation)],
        ["Atteinte moyenne des objectifs", francais.pourcent(s.atteinte) + _non_calculables(s.atteinte_non_calculable)],
        [retard[0].upper() + retard[1:], str(s.en_retard) + (" : " + ", ".join(s.retards) if s.retards else "")],
        [f"Budget {d.annee} prévu", francais.euros(s.budget.prevu)],
        [f"Budget {d.annee} engagé", francais.euros(s.budget.engage)],
        [f"Budget {d.annee} consommé", francais.euros(s.budget.consomme)],
        ["Fiches avec au moins deux indicateurs (cible du schéma : 100 %)",
         f"{s.avec_deux_indicateurs} sur {s.fiches} ({francais.pourcent(s.part_deux_indicateurs)})"],
        ["Fiches validées par la hiérarchie (cible du schéma : 100 %)",
         f"{s.validees} sur {s.fiches} ({francais.pourcent(s.part_validees)})"],
    ]
    _tableau(document, ["chiffre clé", "valeur"], lignes, droite={1}, largeur=[Cm(11), Cm(6)])
    document.add_heading("Fiches par statut", level=2)
    _tableau(document, ["statut", "fiches"], [[francais.statut(c), str(n)] for c, n in s.par_statut.items()],
             droite={1})
    for titre, premiere, coupes in (("Par volet", "volet", [(f"{v.code} — {v.titre}", v.synthese) for v in b.volets]),
                                    ("Par porteur", "porteur", [(f"{c.code} — {c.nom}", c.synthese) for c in b.porteurs]),
                                    ("Par dispositif", "dispositif", [(c.code, c.synthese) for c in b.dispositifs])):
        if coupes:
            document.add_heading(titre, level=2)
            _tableau(document, [premiere, *ENTETES_SYNTHESE], [_ligne_synthese(n, s) for n, s in coupes],
                     droite=set(range(1, 10)), taille=7,
                     largeur=[Cm(2.6)] + [Cm(1.7)] * 9)


def _mots(document, d: DonneesBilan) -> None:
    document.add_heading(f"Recommandations et décisions de l'année {d.annee}", level=1)
    if d.mots is None:
        _paragraphe(document, f"Les recommandations du groupe stratégique et les décisions du comité de pilotage "
                              f"pour {d.annee} n'ont pas encore été rédigées.", discret=True)
        return
    from sus_cli.bilan.markdown import jetons
    listes: list[str] = []
    cellules: list[list[str]] | None = None
    paragraphe = None
    for j in jetons(d.mots.texte, niveau=2):
        if j.type == "heading_open":
            paragraphe = document.add_heading("", level=min(4, int(j.tag[1])))
        elif j.type in ("bullet_list_open", "ordered_list_open"):
            listes.append("List Bullet" if j.type == "bullet_list_open" else "List Number")
        elif j.type in ("bullet_list_close", "ordered_list_close"):
            listes.pop()
        elif j.type == "paragraph_open" and cellules is None:
            paragraphe = document.add_paragraph(style=listes[-1] if listes else None)
        elif j.type == "blockquote_open":
            paragraphe = document.add_paragraph(style="Quote")
        elif j.type in ("code_block", "fence"):
            _paragraphe(document, j.content.rstrip("\n"))
        elif j.type == "table_open":
            cellules = []
        elif j.type == "tr_open" and cellules is not None:
            cellules.append([])
        elif j.type == "inline" and cellules is not None:
            cellules[-1].append(j.content)
        elif j.type == "table_close" and cellules:
            _tableau(document, cellules[0], cellules[1:])
            cellules = None
        elif j.type == "inline" and paragraphe is not None:
            _en_ligne(paragraphe, j.children or [])


def _en_ligne(paragraphe, enfants) -> None:
    """Markdown inline tokens as Word runs: bold, italics, line breaks; links as their text."""
    gras = italique = False
    for e in enfants:
        if e.type in ("strong_open", "strong_close"):
            gras = e.type == "strong_open"
        elif e.type in ("em_open", "em_close"):
            italique = e.type == "em_open"
        elif e.type == "softbreak":
            paragraphe.add_run(" ")
        elif e.type == "hardbreak":
            paragraphe.add_run().add_break()
        elif e.type in ("text", "code_inline", "html_inline"):
            run = paragraphe.add_run(_t(e.content))
            run.bold, run.italic = gras or None, italique or None


def _fiche(document, f, d: DonneesBilan) -> None:
    annee = d.annee
    fiche = f.fiche
    document.add_heading(_t(f"{f.id} — {fiche.titre}"), level=4)
    direction = d.bilan.config.directions.get(fiche.porteur)
    statut = francais.statut(fiche.statut)
    if f.en_retard:
        statut += f" — en retard (fin prévue le {francais.date(fiche.fin)})"
    _tableau(document, ["Porteur", fiche.porteur + (f" — {direction.nom}" if direction else "")], [
        ["Statut", statut],
        ["Validation", francais.validation(fiche.etat_validation)],
        ["Atteinte", "non calculable" if f.atteinte is None else francais.pourcent(f.atteinte)],
        [f"Budget {annee}", f"prévu {francais.euros(f.budget.prevu)}, engagé {francais.euros(f.budget.engage)}, "
                            f"consommé {francais.euros(f.budget.consomme)}"],
    ], largeur=[Cm(3.2), Cm(13.8)])
    if not f.indicateurs:
        _paragraphe(document, "Aucun indicateur de suivi.", discret=True)
    else:
        lignes = []
        for i in f.indicateurs:
            libelle = i.libelle + (f" ({i.unite})" if i.unite not in ("%", "€", "nombre") else "")
            reference = francais.valeur(i.reference, i.unite) + (f" en {i.reference_annee}" if i.reference_annee else "")
            courante = francais.valeur(i.valeur.valeur, i.unite)
            if i.valeur.periode and i.valeur.periode != str(annee):
                courante += f" ({i.valeur.periode.replace(f'{annee}-', '')})"
            if i.valeur.estimation:
                courante += " (estimation)"
            cible = francais.valeur(i.cible, i.unite) + (f" en {i.annee_cible}" if i.annee_cible else "")
            atteinte = f"non calculable ({i.raison})" if i.atteinte is None else francais.pourcent(i.atteinte)
            lignes.append([libelle, reference, francais.valeur(i.valeur_precedente.valeur, i.unite), courante, cible,
                           atteinte, i.valeur.commentaire or ""])
        _tableau(document, ["indicateur", "référence", str(annee - 1), str(annee), "cible", "atteinte", "commentaire"],
                 lignes, droite={1, 2, 3, 4, 5}, taille=8.5,
                 largeur=[Cm(4.2), Cm(2.2), Cm(1.6), Cm(2.0), Cm(2.2), Cm(2.4), Cm(2.4)])
        _graphiques(document, [i for i in f.indicateurs if i.serie.renseignes])
    if f.note:
        p = document.add_paragraph(style="Quote")
        p.add_run("Note de bilan : ").bold = True
        p.add_run(_t(f.note))


def _graphiques(document, indicateurs) -> None:
    """The charts two by two, each with its figures in a table under it."""
    if not indicateurs:
        return
    grille = document.add_table(rows=(len(indicateurs) + 1) // 2, cols=2)
    _sans_bordure(grille)
    for ligne in grille.rows:  # a chart never cut from its caption nor its figures
        insecable = OxmlElement("w:cantSplit")
        ligne._tr.get_or_add_trPr().append(insecable)
    for n, i in enumerate(indicateurs):
        cellule = grille.cell(n // 2, n % 2)
        legende = cellule.paragraphs[0]
        legende.style = "Caption"
        legende.add_run(_t(i.libelle))
        image = cellule.add_paragraph().add_run().add_picture(io.BytesIO(graphiques.en_png(i.serie)),
                                                              width=LARGEUR_GRAPHIQUE)
        # The alternative text a screen reader gives for the chart.
        image._inline.docPr.set("descr", _t(f"{i.libelle}. {graphiques.decrire(i.serie)}"))
        image._inline.docPr.set("title", _t(i.libelle))
        lignes = graphiques.en_tableau(i.serie)
        # The comment of the year's value is in the indicators' table; an estimate is said here.
        _tableau(cellule, [l.periode for l in lignes], [[l.valeur + (" (estimation)" if l.estimation else "")
                                                         for l in lignes]], droite=set(range(len(lignes))), taille=7)


def _volets(document, d: DonneesBilan) -> None:
    for volet in d.bilan.volets:
        document.add_heading(_t(f"Volet {volet.code} — {volet.titre}"), level=1)
        s = volet.synthese
        _paragraphe(document, f"{francais.pluriel(s.fiches, 'fiche')} ; réalisation {francais.pourcent(s.taux_realisation)}"
                              f" ; atteinte {francais.pourcent(s.atteinte)}{_non_calculables(s.atteinte_non_calculable)}.")
        for axe in volet.axes:
            document.add_heading(_t(f"Axe {axe.numero} — {axe.titre}"), level=2)
            s = axe.synthese
            if s.fiches:
                _paragraphe(document, f"Atteinte {francais.pourcent(s.atteinte)}{_non_calculables(s.atteinte_non_calculable)}"
                                      f" ; {francais.pluriel(s.en_retard, 'fiche')} en retard.")
            else:
                _paragraphe(document, "Aucune fiche action dans cet axe.", discret=True)
            for objectif in axe.objectifs:
                if objectif.fiches:
                    document.add_heading(_t(f"Objectif {axe.numero}.{objectif.numero} — {objectif.titre}"), level=3)
                    for f in objectif.fiches:
                        _fiche(document, f, d)
            vides = [o for o in axe.objectifs if not o.fiches]
            if vides:
                _paragraphe(document, ("Sans fiche action : " if s.fiches else "Objectifs : ") + " ; ".join(
                    f"{axe.numero}.{o.numero} — {o.titre}" for o in vides) + ".", discret=True)


def _evolutions(document, d: DonneesBilan) -> None:
    document.add_heading(f"Évolutions de l'année {d.annee}", level=1)
    e = d.evolutions
    if e is None:
        _paragraphe(document, "L'historique des modifications n'est pas disponible : les évolutions de l'année ne "
                              "peuvent pas être retracées.", discret=True)
        return
    creees = ", ".join(i for i, _ in e.creees)
    items = [f"Fiches créées : {len(e.creees)}" + (f" ({creees})" if creees else ""),
             f"Fiches validées dans l'année : {len(e.validees)}",
             f"Modifications enregistrées : {e.commits}, par {francais.pluriel(len(e.contributeurs), 'personne')}"
             + (" (" + ", ".join(f"{nom} : {n}" for nom, n in e.contributeurs) + ")" if e.contributeurs else "")]
    for item in items:
        _paragraphe(document, item + ".", style="List Bullet")
    if e.validees:
        _tableau(document, ["fiche validée", "le", "par"],
                 [[f"{i} — {t}", francais.date(le), par] for i, t, le, par in e.validees])
    if e.statuts is None:
        _paragraphe(document, "Changements de statut : l'historique ne remonte pas au début de l'année.", discret=True)
    elif e.statuts:
        _tableau(document, ["changement de statut", "au 1er janvier", "à la date du bilan"],
                 [[f"{i} — {t}", francais.statut(a), francais.statut(b)] for i, t, a, b in e.statuts])
    if e.mises_a_jour:
        _tableau(document, ["fiche", "mises à jour dans l'année"], [[f"{i} — {t}", str(n)] for i, t, n in e.mises_a_jour],
                 droite={1})


def _annexes(document, d: DonneesBilan, racine: Path | None) -> None:
    if d.bilan.ecartees:
        document.add_heading("Annexe — fiches non prises en compte", level=1)
        _tableau(document, ["fichier", "fiche", "raison"], [[e.chemin, e.id or "—", e.raison] for e in d.bilan.ecartees])
    q = d.qualite
    document.add_heading("Annexe — qualité des fiches", level=1)
    _paragraphe(document, f"La vérification automatique des fiches relève {francais.pluriel(q.erreurs, 'erreur')} et "
                          f"{francais.pluriel(q.avertissements, 'point')} à surveiller ; "
                          f"{francais.pluriel(q.fiches_avec_erreurs, 'fichier a', 'fichiers ont')} au moins une erreur.")
    if q.regles:
        _tableau(document, ["ce qui est relevé", "gravité", "fiches concernées"],
                 [[r.resume, "à corriger" if r.severite == "error" else "à surveiller", str(r.fiches)] for r in q.regles],
                 droite={2})
    document.add_heading("Annexe — méthode", level=1)
    from sus_cli.bilan.rendu import environnement
    for titre, texte in environnement(racine).get_template("_methode.j2").module.METHODE:
        p = document.add_paragraph()
        p.add_run(_t(titre) + " : ").bold = True
        p.add_run(_t(texte))


def rendre_docx(donnees: DonneesBilan, modele: Path | None = None, racine: Path | None = None) -> bytes:
    document = _ouvrir(modele)
    place_du_sommaire = _couverture(document, donnees)
    _synthese(document, donnees)
    _mots(document, donnees)
    _volets(document, donnees)
    _evolutions(document, donnees)
    _annexes(document, donnees, racine)
    _sommaire(document, place_du_sommaire)
    _numeroter_les_pages(document)
    _mettre_a_jour_a_l_ouverture(document)
    proprietes = document.core_properties
    proprietes.title = _t(f"Bilan {donnees.annee} — {donnees.schema.titre}")
    proprietes.author = _t(donnees.schema.collectivite)
    proprietes.language = "fr-FR"
    flux = io.BytesIO()
    document.save(flux)
    return flux.getvalue()
