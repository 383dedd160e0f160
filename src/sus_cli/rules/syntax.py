"""SUS1xx: the file can be read as a fiche (encoding, front matter, YAML).

These findings are collected while loading; the rules hand them to the
engine so that they share severities, sorting and reporting with the rest.
"""

from __future__ import annotations

from collections.abc import Iterator

from sus_cli.diagnostics import Constat
from sus_cli.rules.registry import regle


def problemes_lecture(document, code: str) -> Iterator[Constat]:
    for code_probleme, constat in document.problemes:
        if code_probleme == code:
            yield constat


@regle("SUS100", "lecture", "error", cible="tous", ignorable=False)
def lecture(document, contexte):
    """Le fichier ne peut pas être lu comme une fiche.

    Une fiche est un fichier texte en UTF-8 dont la ligne 1 est exactement
    `---`, suivie de l'en-tête YAML (des lignes `clé: valeur`), puis d'une
    autre ligne `---` et du texte en Markdown. Cette règle signale : un
    fichier vide ou binaire, un autre encodage que l'UTF-8 (Latin-1,
    UTF-16), l'absence d'en-tête, un en-tête jamais fermé, un en-tête qui
    n'est pas une suite de `clé: valeur`, une erreur de syntaxe YAML, une
    tabulation dans le retrait. Un BOM UTF-8 et les fins de ligne Windows
    (CRLF) sont acceptés.

    Mauvais :

    ```markdown
    id: TR-6.2.1
    titre: Dématérialiser les fiches actions
    ```

    Bon :

    ```markdown
    ---
    id: TR-6.2.1
    titre: Dématérialiser les fiches actions
    ---
    ## Contexte
    ```
    """
    return problemes_lecture(document, "SUS100")


@regle("SUS101", "cle-en-double", "error", cible="tous", ignorable=False)
def cle_en_double(document, contexte):
    """La même clé apparaît deux fois dans un même bloc YAML.

    YAML ne garderait que la dernière valeur, sans rien dire : la première
    serait perdue. La règle pointe la seconde occurrence.

    Mauvais :

    ```yaml
    statut: en_cours
    porteur: DSUN
    statut: realisee
    ```

    Bon :

    ```yaml
    statut: realisee
    porteur: DSUN
    ```
    """
    return problemes_lecture(document, "SUS101")


@regle("SUS102", "alias-yaml", "error", cible="tous", ignorable=False)
def alias_yaml(document, contexte):
    """Une ancre ou un alias YAML (`&nom`, `*nom`, `<<`) est utilisé.

    Les alias font partager une même valeur à plusieurs clés : une
    modification en un endroit en change d'autres sans que cela se voie,
    et des alias imbriqués peuvent produire un document gigantesque (« bombe
    d'alias »). `sus` les refuse : recopiez la valeur.

    Mauvais :

    ```yaml
    pilotes: &equipe [Cheffe de service]
    publics: *equipe
    ```

    Bon :

    ```yaml
    pilotes: [Cheffe de service]
    publics: [Familles]
    ```
    """
    return problemes_lecture(document, "SUS102")


@regle("SUS103", "fichier-trop-gros", "error", cible="tous", ignorable=False)
def fichier_trop_gros(document, contexte):
    """Le fichier dépasse 1 Mo : ce n'est pas une fiche.

    Une fiche fait quelques kilo-octets. Un fichier aussi gros est
    généralement un export ou un document collé par erreur ; il n'est pas lu.

    Mauvais : un fichier `fiches/TR-6.2.1.md` de 20 Mo.

    Bon : une fiche de quelques pages de texte ; les documents volumineux
    sont rangés ailleurs et cités par un lien.
    """
    return problemes_lecture(document, "SUS103")


@regle("SUS104", "fichier-illisible", "error", cible="tous", ignorable=False)
def fichier_illisible(document, contexte):
    """Le fichier ou le dossier ne peut pas être lu.

    Droits insuffisants ; dossier illisible (ses fiches manqueraient sans
    bruit dans les bilans : `sus` le signale, et le bilan dit qu'il l'a
    écarté) ; lien symbolique cassé, en boucle, ou qui mène hors du dépôt
    (`sus` ne suit jamais un lien hors du dépôt : il lirait des fichiers qui
    ne sont pas ceux du schéma) ; « fichier » qui n'en est pas un (tube
    nommé, périphérique).

    Mauvais :

    ```console
    fiches/boucle -> ..
    fiches/commun -> /srv/partage
    fiches/TR-6.2.2.md -> /dev/zero
    ```

    Bon : des fichiers et dossiers ordinaires sous `fiches/`, ou des liens
    vers des fichiers du dépôt lui-même.
    """
    return problemes_lecture(document, "SUS104")


@regle("SUS105", "nom-de-fichier-impossible", "error", ignorable=False)
def nom_de_fichier_impossible(document, contexte):
    """Le nom du fichier contient un caractère invisible ou spécial (`*`, `?`, `[`, `]`, `\\`).

    Un saut de ligne, une tabulation ou un autre caractère invisible dans un
    nom de fichier trompe qui lit la liste des fichiers, et s'écrit mal dans
    un terminal ou un journal d'intégration continue. Ces caractères, comme
    `*`, `?`, `[`, `]` et `\\`, ne peuvent pas non plus s'écrire tels quels
    dans le fichier CODEOWNERS : `sus codeowners` laisse alors la fiche sans
    relecteur, et la validation par la hiérarchie ne serait plus demandée.
    Le message montre le nom avec ses caractères invisibles écrits `\\n`,
    `\\t`, `\\x1b`… : renommez le fichier.

    Mauvais : un fichier `fiches/TR-6.2.1*.md`, ou dont le nom contient un
    saut de ligne.

    Bon : `fiches/TR-6.2.1-dematerialiser.md` (lettres, chiffres, tirets).
    """
    from sus_cli.codeowners import caractere_impossible
    from sus_cli.echappement import une_ligne

    caractere = caractere_impossible(document.chemin)
    if caractere is None:
        return
    visible = une_ligne(caractere)
    nature = f"le caractère « {caractere} »" if visible == caractere else f"un caractère invisible ({visible})"
    yield Constat(f"le nom du fichier contient {nature} : « {une_ligne(document.chemin)} » ; renommez-le avec des "
                  "lettres, des chiffres et des tirets (sinon CODEOWNERS ne peut pas lui désigner de relecteur)",
                  ligne=1, colonne=1)
