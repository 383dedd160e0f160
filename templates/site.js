// The index page's filters and search (written by sus site; no library, no request).
// Without JavaScript the page lists every fiche; with it, the form appears and
// each change shows only the rows that match every criterion.
(function () {
  "use strict";
  var formulaire = document.getElementById("filtres");
  var table = document.getElementById("toutes-les-fiches");
  if (!formulaire || !table) {
    return;
  }
  var lignes = Array.prototype.slice.call(table.tBodies[0].rows);
  var compte = document.getElementById("compte");
  var aucune = document.getElementById("aucune");
  var mots = window.SUS_RECHERCHE || {};
  var champs = formulaire.elements;

  // Lower case, no accents: « Numérique » and « numerique » are the same word (as for sus liste --texte).
  function normaliser(texte) {
    return texte.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function texteDe(ligne) {
    var cle = ligne.getAttribute("data-cle");
    return Object.prototype.hasOwnProperty.call(mots, cle) ? mots[cle] : normaliser(ligne.textContent);
  }

  function pluriel(n, singulier, plurielForme) {
    return n + " " + (n < 2 ? singulier : plurielForme);
  }

  function appliquer() {
    var direction = champs.direction.value;
    var statut = champs.statut.value;
    var volet = champs.volet.value;
    var retard = champs.retard.checked;
    var cherches = normaliser(champs.texte.value).split(/[^0-9a-z\u00c0-\u024f\u0153\u00e6]+/).filter(Boolean);
    var visibles = 0;
    lignes.forEach(function (ligne) {
      var garde = (!direction || ligne.getAttribute("data-direction") === direction) &&
        (!statut || ligne.getAttribute("data-statut") === statut) &&
        (!volet || ligne.getAttribute("data-volet") === volet) &&
        (!retard || ligne.hasAttribute("data-retard"));
      if (garde && cherches.length) {
        var texte = texteDe(ligne);
        garde = cherches.every(function (mot) { return texte.indexOf(mot) !== -1; });
      }
      ligne.hidden = !garde;
      if (garde) {
        visibles += 1;
      }
    });
    var filtre = visibles !== lignes.length;
    compte.textContent = filtre ?
      pluriel(visibles, "fiche affichée", "fiches affichées") + " sur " + lignes.length + "." :
      pluriel(lignes.length, "fiche", "fiches") + ".";
    aucune.hidden = visibles !== 0;
  }

  formulaire.addEventListener("input", appliquer);
  formulaire.addEventListener("change", appliquer);
  formulaire.addEventListener("reset", function () { window.setTimeout(appliquer, 0); });
  formulaire.addEventListener("submit", function (evenement) { evenement.preventDefault(); });
  formulaire.hidden = false;
  appliquer();
}());
