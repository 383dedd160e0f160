"""SUS3xx: what a fiche names exists, once (référentiel, directions, fiches)."""

from __future__ import annotations

from sus_cli.diagnostics import Constat
from sus_cli.model.vocabulaire import decomposer_id, suggestion
from sus_cli.rules.registry import regle

@regle("SUS300", "reference-inconnue", "error", ensemble=True)
def reference_inconnue(document, contexte):
    """La fiche cite quelque chose qui n'existe pas.

    Le volet, l'axe et l'objectif de l'identifiant doivent être déclarés
    dans `sus.yaml` (`volets:`), le `porteur` doit être une des `directions:`
    de `sus.yaml`, et chaque fiche de `fiches_liees` doit exister.

    Mauvais :

    ```yaml
    id: TR-9.1.1        # pas d'axe 9 dans le volet TR
    porteur: DSI        # pas de direction DSI dans sus.yaml
    fiches_liees: [EF-1.1.9]
    ```

    Bon :

    ```yaml
    id: TR-6.2.1
    porteur: DSUN
    fiches_liees: [EF-1.1.1]
    ```
    """
    referentiel = contexte.referentiel
    if referentiel is None:
        return
    parties = decomposer_id(document.id) if document.id else None
    if parties:
        volet, axe, objectif, _ = parties
        if volet not in referentiel.volets:
            yield Constat(f"volet « {volet} » inconnu : volets déclarés dans sus.yaml : "
                          + ", ".join(referentiel.volets), chemin=("id",))
        elif axe not in referentiel.volets[volet]:
            yield Constat(f"axe {axe} inconnu dans le volet {volet} : axes déclarés : "
                          + ", ".join(map(str, referentiel.volets[volet])), chemin=("id",))
        elif not referentiel.objectif_existe(volet, axe, objectif):
            yield Constat(f"objectif {axe}.{objectif} inconnu dans le volet {volet} : objectifs déclarés : "
                          + ", ".join(f"{axe}.{o}" for o in referentiel.volets[volet][axe]),
                          chemin=("id",))
    porteur = document.porteur
    if porteur is not None and porteur not in referentiel.directions:
        proche = suggestion(porteur, list(referentiel.directions))
        indice = f" : vouliez-vous dire « {proche} » ?" if proche else (
            " ; directions déclarées dans sus.yaml : " + ", ".join(referentiel.directions))
        yield Constat(f"porteur « {porteur} » inconnu{indice}", chemin=("porteur",))
    for i, autre in document.liees:
        if autre not in contexte.par_id:
            yield Constat(f"fiche liée « {autre} » introuvable dans le dépôt", chemin=("fiches_liees", i))


@regle("SUS301", "id-en-double", "error", ensemble=True)
def id_en_double(document, contexte):
    """Deux fiches portent le même identifiant.

    Chaque fiche a un identifiant unique dans le dépôt : les bilans, les
    fiches liées et l'historique s'y réfèrent. Le diagnostic apparaît sur
    chacune des fiches concernées et cite les autres.

    Mauvais : `fiches/a/TR-6.2.1.md` et `fiches/b/TR-6.2.1-copie.md`
    contiennent toutes deux `id: TR-6.2.1`.

    Bon : la copie reçoit le rang suivant libre, `id: TR-6.2.2`, et son
    fichier est renommé `TR-6.2.2-….md`.
    """
    identifiant = document.id
    if identifiant is None:
        return
    autres = [d.chemin for d in contexte.par_id.get(identifiant, ()) if d is not document]
    if autres:
        yield Constat(f"identifiant « {identifiant} » déjà utilisé par " + ", ".join(autres), chemin=("id",))


@regle("SUS302", "nom-de-fichier", "error")
def nom_de_fichier(document, contexte):
    """Le nom du fichier ne commence pas par l'identifiant de la fiche.

    On retrouve une fiche par son nom de fichier : `TR-6.2.1.md` ou
    `TR-6.2.1-dematerialiser-les-fiches.md` pour la fiche `TR-6.2.1`. Le
    nom doit être l'identifiant, suivi de `.md` ou d'un tiret et d'un
    intitulé libre.

    Mauvais : `fiches/transversalite/dematerialisation.md` pour `id: TR-6.2.1`.

    Bon : `fiches/transversalite/TR-6.2.1-dematerialisation.md`.
    """
    identifiant = document.id
    if identifiant is None or decomposer_id(identifiant) is None:
        return
    nom = document.chemin.rsplit("/", 1)[-1]
    if not (nom == f"{identifiant}.md" or nom.startswith(f"{identifiant}-")):
        yield Constat(f"le nom du fichier « {nom} » doit commencer par l'identifiant : "
                      f"« {identifiant}.md » ou « {identifiant}-intitule.md »", chemin=("id",))


@regle("SUS303", "codeowners-perime", "warning", cible="config", ignorable=False, ensemble=True)
def codeowners_perime(document, contexte):
    """Le fichier CODEOWNERS généré par `sus codeowners` n'est plus à jour.

    CODEOWNERS désigne, pour chaque fiche, les relecteurs de la direction qui
    la porte. Quand une fiche est ajoutée, change de porteur, ou quand
    `sus.yaml` change les relecteurs, il faut le régénérer, sinon la
    mauvaise hiérarchie est sollicitée. Seul un fichier généré par `sus`
    (reconnaissable à sa première ligne) est vérifié, et seulement quand
    tout le dépôt est vérifié (`sus validate` sans chemin) : sur quelques
    fiches, comme dans le crochet pre-commit, les porteurs des autres ne
    sont pas lus.

    Mauvais : une fiche `TR-6.2.2.md` ajoutée sans relancer `sus codeowners`.

    Bon : `sus codeowners` (ou `sus codeowners --gitlab`) relancé et le
    fichier commité avec la fiche.
    """
    from sus_cli.codeowners import CHEMIN_GITHUB, CHEMIN_GITLAB, ENTETE, generer, racine_git
    from sus_cli.loading.fichiers import Illisible, lire_octets

    referentiel = contexte.referentiel
    if referentiel is None or contexte.racine is None:
        return
    if any(not f.complet for f in contexte.fiches):
        return  # a run that reports on some fiches only (pre-commit) does not know every porteur
    dossier, prefixe = racine_git(contexte.racine)
    fiches = [(f.chemin, f.porteur) for f in contexte.fiches if not f.dossier]
    for chemin, gitlab in ((CHEMIN_GITHUB, False), (CHEMIN_GITLAB, True)):
        try:
            # A committed link to /dev/zero or out of the repository is not read.
            actuel = lire_octets(dossier / chemin, racine=dossier).decode("utf-8")
        except (Illisible, UnicodeDecodeError):
            continue
        if actuel.startswith(ENTETE) and actuel != generer(referentiel.directions, fiches, prefixe, gitlab):
            yield Constat(f"{chemin} n'est plus à jour : lancez « sus codeowners"
                          f"{' --gitlab' if gitlab else ''} »", ligne=1, colonne=1)
