"""SUS3xx: what a fiche names exists, once (référentiel, directions, fiches)."""

from __future__ import annotations

from sus_cli.diagnostics import Constat
from sus_cli.model.fiche import decomposer_id
from sus_cli.rules.registry import regle

@regle("SUS300", "reference-inconnue", "error")
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
    config = contexte.config
    if config is None:
        return
    parties = decomposer_id(document.id) if document.id else None
    if parties:
        volet, axe, objectif, _ = parties
        if volet not in config.volets:
            yield Constat(f"volet « {volet} » inconnu : volets déclarés dans sus.yaml : "
                          + ", ".join(config.volets), chemin=("id",))
        elif axe not in config.volets[volet].axes:
            yield Constat(f"axe {axe} inconnu dans le volet {volet} : axes déclarés : "
                          + ", ".join(map(str, config.volets[volet].axes)), chemin=("id",))
        elif config.objectif(volet, axe, objectif) is None:
            yield Constat(f"objectif {axe}.{objectif} inconnu dans le volet {volet} : objectifs déclarés : "
                          + ", ".join(f"{axe}.{o}" for o in config.volets[volet].axes[axe].objectifs),
                          chemin=("id",))
    porteur = document.champ("porteur")
    if isinstance(porteur, str) and porteur not in config.directions:
        from sus_cli.model.messages import suggestion
        proche = suggestion(porteur, list(config.directions))
        indice = f" : vouliez-vous dire « {proche} » ?" if proche else (
            " ; directions déclarées dans sus.yaml : " + ", ".join(config.directions))
        yield Constat(f"porteur « {porteur} » inconnu{indice}", chemin=("porteur",))
    liees = document.champ("fiches_liees")
    if isinstance(liees, list):
        for i, autre in enumerate(liees):
            if isinstance(autre, str) and autre not in contexte.par_id:
                yield Constat(f"fiche liée « {autre} » introuvable dans le dépôt", chemin=("fiches_liees", i))


@regle("SUS301", "id-en-double", "error")
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


@regle("SUS303", "codeowners-perime", "warning", cible="config", ignorable=False)
def codeowners_perime(document, contexte):
    """Le fichier CODEOWNERS généré par `sus codeowners` n'est plus à jour.

    CODEOWNERS désigne, pour chaque fiche, les relecteurs de la direction qui
    la porte. Quand une fiche est ajoutée, change de porteur, ou quand
    `sus.yaml` change les relecteurs, il faut le régénérer, sinon la
    mauvaise hiérarchie est sollicitée. Seul un fichier généré par `sus`
    (reconnaissable à sa première ligne) est vérifié.

    Mauvais : une fiche `TR-6.2.2.md` ajoutée sans relancer `sus codeowners`.

    Bon : `sus codeowners` (ou `sus codeowners --gitlab`) relancé et le
    fichier commité avec la fiche.
    """
    from sus_cli.codeowners import CHEMIN_GITHUB, CHEMIN_GITLAB, ENTETE, generer, racine_git
    from sus_cli.loading.fichiers import Illisible, lire_octets

    depot = contexte.depot
    if depot.config is None:
        return
    dossier, prefixe = racine_git(depot.racine)
    for chemin, gitlab in ((CHEMIN_GITHUB, False), (CHEMIN_GITLAB, True)):
        try:
            # A committed link to /dev/zero or out of the repository is not read.
            actuel = lire_octets(dossier / chemin, racine=dossier).decode("utf-8")
        except (Illisible, UnicodeDecodeError):
            continue
        if actuel.startswith(ENTETE) and actuel != generer(depot, prefixe, gitlab):
            yield Constat(f"{chemin} n'est plus à jour : lancez « sus codeowners"
                          f"{' --gitlab' if gitlab else ''} »", ligne=1, colonne=1)
