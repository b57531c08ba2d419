"""Refusals in the UI's language: services say *what* went wrong by a code and its details
(`DomainError(code, french_sentence, **details)`); the UI words it.

French is the services' own sentence (`exc.message`, written where the rule is). In any other language
the sentence comes from `MESSAGES`: for each code, templates with placeholders named after the details
— the first one whose placeholders the error's details can all fill is used (the generic one, last,
needs none). Detail values are worded here too: a date as the UI's locale writes it, a status, a
role, a permission, a kind of activity, a weekday, opening hours. An unknown code falls back to the
French sentence (never nothing). A test lists every code the services can raise, with the details each
raise site gives, and checks each has a template it can fill and an English text.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from mlplanner.domain.calendar_fr import holiday_name
from mlplanner.domain.enums import Mode, Role, Status
from mlplanner.domain.errors import DomainError
from mlplanner.domain.labels import MODE_FR, ROLE_FR, STATUS_FR
from mlplanner.ui.i18n import LAST_NAME, language, tr, tr_noop, weekday_name

# What a permission allows, as the refusal says it ("…ne peut pas {perm}"): keys are Perm values.
PERMISSIONS: dict[str, str] = {
    "book": tr_noop("prendre ou modifier des rendez-vous"),
    "edit_youth": tr_noop("modifier la fiche d'un jeune"),
    "merge_youth": tr_noop("fusionner deux fiches"),
    "outcome_own": tr_noop("saisir l'issue d'un rendez-vous"),
    "outcome_any": tr_noop("saisir l'issue du rendez-vous d'un collègue"),
    "force_double_booking": tr_noop("forcer un double rendez-vous"),
    "back_office": tr_noop("saisir a posteriori dans le passé"),
    "switch_mode": tr_noop("basculer des rendez-vous à distance"),
    "configure_site": tr_noop("modifier la configuration du site"),
    "manage_staff": tr_noop("gérer les comptes du personnel"),
    "manage_workshops": tr_noop("gérer les ateliers"),
    "register_workshop": tr_noop("inscrire à un atelier"),
    "view_audit": tr_noop("consulter le journal d'audit"),
    "sync": tr_noop("synchroniser"),
    "privacy": tr_noop("anonymiser ou effacer des données personnelles"),
    "print": tr_noop("imprimer"),
}

# Words the services pass as details (a field's name, a kind of activity).
WORDS: dict[str, str] = {
    "prénom": tr_noop("prénom"),
    "nom": tr_noop("nom"),
    "nom du site": tr_noop("nom du site"),
    "nom de la salle": tr_noop("nom de la salle"),
    # the fields' labels (domain/fields.py)
    "Prénom": tr_noop("Prénom"),
    "Nom": tr_noop("Nom", LAST_NAME),
    "Téléphone": tr_noop("Téléphone"),
    "E-mail": tr_noop("E-mail"),
    "N° de dossier i-milo": tr_noop("N° de dossier i-milo"),
    "Note": tr_noop("Note"),
    "Description": tr_noop("Description"),
    "Motif d'annulation": tr_noop("Motif d'annulation"),
    "Motif du forçage": tr_noop("Motif du forçage"),
    "Motif de l'absence": tr_noop("Motif de l'absence"),
    "Motif de la fermeture": tr_noop("Motif de la fermeture"),
    "Nom du site": tr_noop("Nom du site"),
    "Adresse": tr_noop("Adresse"),
    "Nom de la salle": tr_noop("Nom de la salle"),
    "Code": tr_noop("Code"),
    "Libellé": tr_noop("Libellé"),
    "Opération financée": tr_noop("Opération financée"),
    "Titre de l'atelier": tr_noop("Titre de l'atelier"),
    "Public": tr_noop("Public"),
    "Partenaire": tr_noop("Partenaire"),
    "Motif de la réponse": tr_noop("Motif de la réponse"),
    "Motif": tr_noop("Motif"),
    "Réglage": tr_noop("Réglage"),
    "Référent": tr_noop("Référent"),
    "appointment": tr_noop("un rendez-vous"),
    "workshop": tr_noop("un atelier"),
    "la base de données": tr_noop("la base de données"),
    "l'utilisateur": tr_noop("l'utilisateur"),
}

# code → templates, the richest first. French source strings (English in the .ts).
MESSAGES: dict[str, tuple[str, ...]] = {
    # --- booking rules ------------------------------------------------------------------------------
    "end_before_start": (tr_noop("La fin doit suivre le début."),),
    "multi_day": (tr_noop("Il faut commencer et finir le même jour."),),
    "dst_gap": (
        tr_noop("L'heure {start} n'existe pas ce jour-là (passage à l'heure d'été)."),
        tr_noop("Cette heure n'existe pas ce jour-là (passage à l'heure d'été)."),
    ),
    "in_past": (
        tr_noop(
            "Le {start_date} à {start} est déjà passé : seule une saisie a posteriori (back-office) le permet."
        ),
        tr_noop("Ce moment est déjà passé : seule une saisie a posteriori (back-office) le permet."),
    ),
    "holiday": (
        tr_noop("Le {day} est un jour férié ({holiday})."),
        tr_noop("Ce jour est un jour férié."),
    ),
    "site_closed": (
        tr_noop("Le site est fermé le {day} ({reason})."),
        tr_noop("Le site est fermé le {day}."),
        tr_noop("Le site est fermé ce jour-là."),
    ),
    "outside_opening_hours": (
        tr_noop("{start}–{end} est en dehors des horaires d'ouverture du {weekday_of_day} ({hours})."),
        tr_noop("Ce créneau est en dehors des horaires d'ouverture du site."),
    ),
    "outside_working_hours": (
        tr_noop("{name} ne travaille pas de {start} à {end} le {weekday_of_day} ({hours})."),
        tr_noop("Le conseiller ne travaille pas à ce moment-là."),
    ),
    "counsellor_absent": (
        tr_noop("{name} est absent(e) du {start_date} {start} au {end_date} {end} ({reason})."),
        tr_noop("{name} est absent(e) du {start_date} {start} au {end_date} {end}."),
        tr_noop("Le conseiller est absent à ce moment-là."),
    ),
    "not_bookable": (
        tr_noop("{name} ne reçoit pas de jeunes en rendez-vous."),
        tr_noop("Cette personne ne reçoit pas de jeunes en rendez-vous."),
    ),
    "room_inactive": (
        tr_noop("La salle « {room} » n'est plus en service."),
        tr_noop("Cette salle n'est plus en service."),
    ),
    "room_capacity": (
        tr_noop("La salle « {room} » accueille {capacity} personne(s) au plus ({needed} attendues)."),
        tr_noop("La salle est trop petite."),
    ),
    "room_not_accessible": (
        tr_noop("La salle « {room} » n'est pas accessible en fauteuil roulant, or {youth} en a besoin."),
        tr_noop("Cette salle n'est pas accessible en fauteuil roulant."),
    ),
    "youth_overlap": (
        tr_noop("{youth} a déjà {kind} de {start} à {end} avec {with_whom}."),
        tr_noop("Ce jeune a déjà un rendez-vous ou un atelier à ce moment-là."),
    ),
    "counsellor_overlap": (
        tr_noop("{name} a déjà {kind} de {start} à {end}."),
        tr_noop("Le conseiller a déjà un rendez-vous à ce moment-là."),
    ),
    "room_overlap": (
        tr_noop("La salle « {room} » est déjà occupée de {start} à {end}."),
        tr_noop("La salle est déjà occupée à ce moment-là."),
    ),
    "no_counsellor_free": (
        tr_noop("Aucun conseiller n'est libre le {start_date} à {start}."),
        tr_noop("Aucun conseiller n'est libre à ce moment-là."),
    ),
    "no_free_room": (
        tr_noop("Aucun bureau n'est libre le {start_date} de {start} à {end}."),
        tr_noop("Aucun bureau n'est libre à ce moment-là."),
    ),
    "no_room": (tr_noop("Aucun bureau du site ne convient à ce rendez-vous."),),
    "bad_party": (tr_noop("Un rendez-vous réunit de 1 à 6 personnes en plus du conseiller."),),
    "bad_count": (tr_noop("Le nombre de créneaux doit être compris entre 1 et 200."),),
    "not_movable": (tr_noop("Seul un rendez-vous encore prévu peut être déplacé."),),
    "bad_mode": (tr_noop("Le basculement se fait vers le téléphone, la visio ou hors les murs."),),
    # --- statuses -----------------------------------------------------------------------------------
    "same_status": (
        tr_noop("Le rendez-vous est déjà « {current} »."),
        tr_noop("Le rendez-vous a déjà ce statut."),
    ),
    "illegal_transition": (
        tr_noop("Impossible de passer un rendez-vous « {current} » à « {new} »."),
        tr_noop("Ce changement de statut n'est pas possible."),
    ),
    "not_own_appointment": (
        tr_noop("Seul le conseiller du rendez-vous (ou un responsable de site) peut faire cette saisie."),
    ),
    "outcome_in_future": (tr_noop("Ce rendez-vous n'a pas encore commencé."),),
    "not_today": (tr_noop("On ne peut pointer l'arrivée que le jour du rendez-vous."),),
    "reason_required": (tr_noop("Indiquez le motif."),),
    "not_an_outcome": (tr_noop("Issue possible : reçu, absent ou excusé."),),
    "unknown_appointment": (tr_noop("Ce rendez-vous est introuvable."),),
    "other_site": (
        tr_noop("Cela appartient au site {site} : seul ce site peut le modifier."),
        tr_noop("Cela appartient à un autre site : seul ce site peut le modifier."),
    ),
    "forbidden": (
        tr_noop("En tant que {role}, {name} ne peut pas {perm}."),
        tr_noop("Votre rôle ne permet pas de faire cela."),
    ),
    # --- walk-ins and the appointments left in the way -----------------------------------------------
    "nobody_on_duty": (
        tr_noop(
            "Aucun conseiller n'est disponible d'ici la fermeture pour ce type d'entretien : "
            "proposez un rendez-vous un autre jour."
        ),
    ),
    "walk_in_changed": (
        tr_noop(
            "Le créneau proposé vient d'être pris : {counsellor} peut recevoir {youth} à {start}. Confirmez à nouveau."
        ),
        tr_noop("Le créneau proposé vient d'être pris : confirmez à nouveau."),
    ),
    "walk_in_remote": (
        tr_noop("« {type} » se fait à distance : un jeune venu sur place est reçu en entretien sur site."),
        tr_noop("Ce type d'entretien se fait à distance."),
    ),
    "not_booked": (tr_noop("Ce rendez-vous n'est plus prévu : rien à annoncer au jeune."),),
    "not_on_call_list": (tr_noop("Ce rendez-vous n'est pas sur la liste d'appels."),),
    "nothing_selected": (tr_noop("Choisissez au moins un rendez-vous."),),
    # --- young people ---------------------------------------------------------------------------------
    "unknown_youth": (
        tr_noop("Aucun jeune ne correspond à « {key} »."),
        tr_noop("Ce jeune est introuvable."),
    ),
    "likely_duplicate": (
        tr_noop("Ce jeune existe probablement déjà : {names}."),
        tr_noop("Ce jeune existe probablement déjà."),
    ),
    "bad_birth_date": (
        tr_noop("Date de naissance impossible : {date}."),
        tr_noop("Date de naissance impossible."),
    ),
    "nir_refused": (
        tr_noop(
            "Ce numéro ressemble à un numéro de sécurité sociale : mlplanner ne doit jamais l'enregistrer."
        ),
    ),
    # remarks on the lines of a youth list being imported (not refusals: the line is shown with them)
    "referent_unknown": (tr_noop("référent « {referent} » inconnu : laissé vide"),),
    "referent_ambiguous": (tr_noop("référent « {referent} » ambigu : laissé vide"),),
    "file_number_taken": (
        tr_noop("le n° de dossier {number} est déjà celui de {person}, né(e) le {born}"),
        tr_noop("le n° de dossier {number} est déjà celui de {person}"),
    ),
    "impossible_birth_date": (tr_noop("date de naissance impossible ({birth})"),),
    "same_as_line": (tr_noop("même personne que la ligne {line}"),),
    "file_number_on_line": (tr_noop("le n° de dossier {number} est déjà celui de {person} (ligne {line})"),),
    "twin_other_number": (
        tr_noop(
            "même nom et même date de naissance que la ligne {line}, mais un autre n° de dossier ({number})"
        ),
    ),
    "already_staff": (tr_noop("déjà dans le personnel du site : inchangé"),),
    "room_unknown": (tr_noop("bureau « {room} » inconnu : laissé vide"),),
    "no_working_day": (tr_noop("aucun jour travaillé : pas de rendez-vous possible"),),
    "same_person_other_number": (
        tr_noop(
            "{person}, même nom et même date de naissance, a le n° de dossier {number} : vérifiez le numéro"
        ),
    ),
    "bad_external_id": (
        tr_noop("Identifiant externe invalide : « {value} »."),
        tr_noop("Identifiant externe invalide."),
    ),
    "merge_overlap": (
        tr_noop(
            "Les deux fiches ont un rendez-vous en même temps : annulez l'un des deux avant de fusionner."
        ),
    ),
    "same_youth": (tr_noop("Choisissez deux fiches différentes."),),
    "bad_phone": (
        tr_noop("Numéro de téléphone invalide : « {value} »."),
        tr_noop("Numéro de téléphone invalide."),
    ),
    "bad_email": (
        tr_noop("Adresse e-mail invalide : « {value} »."),
        tr_noop("Adresse e-mail invalide."),
    ),
    "empty_name": (tr_noop("Le {what} est obligatoire."), tr_noop("Ce nom est obligatoire.")),
    "long_name": (
        tr_noop("Le {what} est trop long ({max} caractères au plus)."),
        tr_noop("Le {what} est trop long (80 caractères au plus)."),
        tr_noop("Ce nom est trop long (80 caractères au plus)."),
    ),
    # --- every text field's bound and characters (domain/fields.py) ----------------------------------
    "bad_character": (
        tr_noop(
            "{field} : caractère invisible ou de contrôle refusé, {char}. Retapez le texte au lieu de le coller."
        ),
        tr_noop("Caractère invisible ou de contrôle refusé : retapez le texte au lieu de le coller."),
    ),
    "too_long": (
        tr_noop("{field} : {max} caractères au plus."),
        tr_noop("Texte trop long."),
    ),
    "bad_name_character": (
        tr_noop(
            "{field} : un nom s'écrit avec des lettres (accents compris), des espaces, des apostrophes, des traits d'union, des points ou des parenthèses."
        ),
    ),
    "bad_field_characters": (
        tr_noop("{field} : caractères refusés."),
        tr_noop("Caractères refusés."),
    ),
    "line_too_long": (
        tr_noop(
            "Ligne {line} : une cellule est trop longue (fichier abîmé ou pas un tableau). Rien n'a été importé."
        ),
    ),
    "bad_csv": (
        tr_noop("Ligne {line} : ligne illisible (fichier abîmé ou pas un tableau). Rien n'a été importé."),
    ),
    "bad_name": (
        tr_noop("Le {what} ne peut pas contenir de numéro."),
        tr_noop("Un nom ne peut pas contenir de numéro."),
    ),
    # --- site set-up, accounts, staff import, network (words without details: the French sentence
    #     says more; in English the generic one) -------------------------------------------------
    "admin_name": (tr_noop("Indiquez le prénom et le nom de l'administrateur (« Prénom Nom »)."),),
    "bad_day": (
        tr_noop(
            "Horaires illisibles (attendu par exemple « 09:00-12:30 13:30-17:30 », « journée », « matin » ou vide)."
        ),
    ),
    "bad_holidays": (tr_noop("Calendrier des jours fériés inconnu."),),
    "bad_passphrase": (tr_noop("Phrase secrète incorrecte pour ce réseau : rien n'a été échangé."),),
    "bad_pin": (tr_noop("Le code personnel doit comporter uniquement des chiffres, en nombre suffisant."),),
    "bad_role": (
        tr_noop(
            "Rôle inconnu (conseiller, chargé(e) d'accueil, responsable de site, administrateur ou partenaire)."
        ),
    ),
    "bad_xlsx": (
        tr_noop(
            "Ce fichier n'est pas un classeur .xlsx lisible : enregistrez-le au format .xlsx ou CSV depuis le tableur."
        ),
    ),
    "code_taken": (tr_noop("Ce code de site est déjà pris dans ce réseau : choisissez-en un autre."),),
    "demo_network": (
        tr_noop(
            "Ce dossier est celui d'un réseau de démonstration (données fictives) : un site réel ne le rejoint pas."
        ),
    ),
    "has_accounts": (tr_noop("Ce site a déjà des comptes : un administrateur crée les suivants."),),
    "locked": (
        tr_noop(
            "Compte verrouillé après trop de codes erronés : réessayez plus tard, ou demandez à un administrateur de le déverrouiller."
        ),
    ),
    "network_unreadable": (
        tr_noop("Le fichier du réseau dans le dossier de synchronisation est illisible."),
    ),
    "no_hours": (tr_noop("Indiquez au moins une plage d'ouverture dans la semaine."),),
    "no_login": (tr_noop("Cette personne n'a pas de compte (partenaire)."),),
    "no_network": (
        tr_noop(
            "Ce dossier n'est pas encore celui d'un réseau : le premier site s'y synchronise d'abord, puis les autres le rejoignent."
        ),
    ),
    "no_passphrase": (
        tr_noop("Ce réseau chiffre ses échanges : indiquez sa phrase secrète. Rien n'a été échangé."),
    ),
    "not_acceptable": (tr_noop("Ce site ne peut pas être accepté dans le réseau."),),
    "old_excel": (
        tr_noop(
            "Ce fichier est au format Excel 97-2003 (.xls), qui n'est pas lu : enregistrez-le au format .xlsx ou CSV."
        ),
    ),
    "other_network": (
        tr_noop(
            "Ce dossier est celui d'un autre réseau que celui de ce site : rien n'a été échangé. Vérifiez le dossier choisi."
        ),
    ),
    "passphrase_unused": (
        tr_noop(
            "Ce réseau ne chiffre pas ses échanges : synchronisez sans phrase secrète. Rien n'a été échangé."
        ),
    ),
    "remove_self": (tr_noop("Un site ne se retire pas lui-même du réseau."),),
    "same_pin": (tr_noop("Choisissez un code différent du code provisoire."),),
    "too_many_rows": (tr_noop("Le classeur a trop de lignes."),),
    "too_many_staff": (
        tr_noop(
            "Ce fichier a trop de lignes pour une liste du personnel d'un site : vérifiez le fichier choisi."
        ),
    ),
    "weak_pin": (
        tr_noop(
            "Ce code est trop facile à deviner (chiffres tous identiques ou qui se suivent) : choisissez-en un autre."
        ),
    ),
    # --- reports, follow-up periods, orientations, action kinds, sync undo (words without details) -----
    "bad_code": (tr_noop("Code : 1 à 16 lettres ou chiffres (par exemple INFO_COLL)."),),
    "bad_diploma": (tr_noop("Niveau de diplôme inconnu."),),
    "bad_format": (tr_noop("Choisissez un fichier .xlsx (tableur) ou .csv (autres logiciels)."),),
    "bad_item": (tr_noop("Donnée facultative inconnue."),),
    "bad_label": (tr_noop("Libellé : 1 à 80 caractères."),),
    "bad_month": (tr_noop("Mois illisible (attendu AAAA-MM, par exemple 2027-03)."),),
    "bad_operation": (tr_noop("Nom de l'opération financée : 80 caractères au plus."),),
    "bad_outcome": (tr_noop("Résultat inconnu."),),
    "bad_partner": (tr_noop("Partenaire inconnu."),),
    "bad_sex": (tr_noop("Sexe : F, M ou vide."),),
    "bad_situation": (tr_noop("Situation inconnue."),),
    "bad_theme": (tr_noop("Thème inconnu."),),
    "bad_week": (tr_noop("Semaine illisible (attendu AAAA-Wss, par exemple 2027-W10)."),),
    "consent_needed": (
        tr_noop("Notez d'abord l'accord du jeune pour les données facultatives (ou « refus de répondre »)."),
    ),
    "contact_in_past": (tr_noop("Le prochain contact doit être aujourd'hui ou plus tard."),),
    "far_future": (tr_noop("La situation se note au plus un mois à l'avance."),),
    "future_orientation": (tr_noop("Une orientation se note le jour où elle est faite."),),
    "item_not_enabled": (
        tr_noop("Cette donnée n'est pas recueillie sur ce site (réglage du responsable de site)."),
    ),
    "no_operation": (tr_noop("Indiquez l'opération financée."),),
    "not_a_week": (tr_noop("Le rapport CEJ porte sur une semaine, du lundi au dimanche."),),
    "note_too_long": (tr_noop("La note est limitée à 300 caractères."),),
    "nothing_to_undo": (
        tr_noop(
            "Ce lot ne peut pas être annulé : il n'a pas été appliqué ici, ou il y a trop longtemps, ou il a déjà été annulé."
        ),
    ),
    "other_site_line": (
        tr_noop("Cette ligne concerne un autre site : elle se coche sur le poste de ce site."),
    ),
    "other_site_orientation": (tr_noop("Cette orientation a été faite par un autre site."),),
    "other_site_period": (tr_noop("Cet accompagnement est suivi par un autre site."),),
    "outcome_before": (tr_noop("Le résultat ne peut précéder l'orientation."),),
    "period_ended": (tr_noop("Cet accompagnement est terminé : ouvrez-en un nouveau."),),
    "period_open": (
        tr_noop("Un accompagnement est déjà en cours pour ce jeune : terminez-le ou renouvelez-le."),
    ),
    "renewed_once": (
        tr_noop("L'accompagnement a déjà été renouvelé : terminez-le, avec ou sans suivi allégé."),
    ),
    "undo_in_use": (
        tr_noop(
            "Ce lot ne peut pas être annulé : des données enregistrées ici depuis utilisent des lignes qu'il a créées. Rien n'a été modifié."
        ),
    ),
    "unknown_kind": (tr_noop("Type d'action inconnu."),),
    "unknown_line": (tr_noop("Ligne introuvable (rendez-vous ou inscription supprimé ?)."),),
    "unknown_operation": (
        tr_noop(
            "Aucun type de rendez-vous ni d'atelier n'est rattaché à cette opération : rattachez-les dans Rapports → Barème et financements."
        ),
    ),
    "unknown_orientation": (tr_noop("Orientation introuvable."),),
    "unknown_period": (tr_noop("Accompagnement introuvable."),),
    "unknown_situation": (tr_noop("Situation introuvable."),),
    # --- reception: waiting room, earlier-slot wishes, other sites' requests (words without details) --
    "bad_proposal": (tr_noop("Proposition illisible."),),
    "bad_step": (tr_noop("Étape inconnue."),),
    "bad_when": (tr_noop("Indiquez au moins un jour (ex. « mar matin »)."),),
    "not_a_request": (tr_noop("Ce site se réserve directement : prenez le rendez-vous."),),
    "site_options": (
        tr_noop(
            "À un autre site, la salle, la saisie a posteriori, le forçage et la deuxième personne se "
            "règlent sur ce site-là."
        ),
    ),
    "not_arrived": (tr_noop("Ce jeune n'est pas pointé arrivé : pointez d'abord son arrivée."),),
    "not_confirmed": (tr_noop("Le coupon s'imprime une fois le rendez-vous confirmé par l'autre site."),),
    "outcome_future": (tr_noop("Le résultat d'une orientation se note une fois connu."),),
    "room_other_site": (tr_noop("Cette salle n'est pas à ce site."),),
    "same_staff": (tr_noop("La deuxième personne doit être quelqu'un d'autre que le conseiller."),),
    "slot_gone": (tr_noop("Ce créneau a déjà été attribué ou écarté."),),
    "unknown_request": (tr_noop("Demande de rendez-vous introuvable."),),
    "unknown_site": (tr_noop("Aucun site ne porte ce code."),),
    "unknown_slot": (tr_noop("Créneau libéré introuvable."),),
    "unknown_wish": (tr_noop("Demande « plus tôt si possible » introuvable."),),
    "wish_closed": (tr_noop("Cette demande « plus tôt si possible » est close."),),
    "wish_too_late": (tr_noop("Ce rendez-vous a lieu aujourd'hui : il ne peut plus être avancé."),),
    "date_out_of_range": (
        tr_noop("Date hors limites : {value} (années {first} à {last})."),
        tr_noop("Date hors limites (années 1900 à 2200)."),
    ),
    "bad_date": (
        tr_noop("Date illisible : « {value} » (attendu jj/mm/aaaa)."),
        tr_noop("Date illisible (attendu jj/mm/aaaa)."),
    ),
    "bad_time": (
        tr_noop("Heure illisible : « {value} » (attendu hh:mm)."),
        tr_noop("Heure illisible (attendu hh:mm)."),
    ),
    "bad_datetime": (
        tr_noop("Date et heure illisibles : « {value} »."),
        tr_noop("Date et heure illisibles."),
    ),
    "bad_timezone": (tr_noop("Fuseau horaire inconnu : « {value} »."), tr_noop("Fuseau horaire inconnu.")),
    "bad_boolean": (tr_noop("Valeur illisible (oui ou non)."),),
    "bad_programme": (tr_noop("Dispositif inconnu (CEJ, PACEA ou vide)."),),
    "missing_columns": (tr_noop("Des colonnes attendues manquent dans le fichier."),),
    "empty_file": (tr_noop("Le fichier est vide."),),
    "no_file": (tr_noop("Indiquez un fichier."),),
    "unreadable_file": (tr_noop("Ce fichier est illisible."),),
    "bad_export": (tr_noop("Export inconnu."),),
    "export_unwritable": (tr_noop("Impossible d'écrire ce fichier."),),
    "range_too_long": (tr_noop("Exportez au plus une année à la fois."),),
    # --- the site and its people -----------------------------------------------------------------------
    "unknown_staff": (
        tr_noop("Aucun membre du personnel ne s'appelle « {key} »."),
        tr_noop("Membre du personnel introuvable."),
    ),
    "ambiguous_staff": (
        tr_noop("« {key} » désigne plusieurs personnes : {names}."),
        tr_noop("Ce nom désigne plusieurs personnes."),
    ),
    "empty_staff": (tr_noop("Indiquez un membre du personnel."),),
    "staff_inactive": (tr_noop("Cette personne n'est plus en activité."),),
    "unknown_room": (tr_noop("Aucune salle ne s'appelle « {key} »."), tr_noop("Salle introuvable.")),
    "unknown_type": (
        tr_noop("Type de rendez-vous inconnu : « {key} »."),
        tr_noop("Type de rendez-vous inconnu."),
    ),
    "duplicate_room": (
        tr_noop("Une salle s'appelle déjà « {name} »."),
        tr_noop("Une salle porte déjà ce nom."),
    ),
    "duplicate_type": (tr_noop("Le code « {value} » existe déjà."), tr_noop("Ce code existe déjà.")),
    "bad_type_code": (tr_noop("Le code du type doit comporter de 1 à 16 caractères."),),
    "empty_label": (tr_noop("Le libellé du type est obligatoire."),),
    "bad_colour": (
        tr_noop("Couleur invalide : « {value} » (attendu #RRVVBB)."),
        tr_noop("Couleur invalide."),
    ),
    "bad_hours": (
        tr_noop("Horaires du {weekday} : la fin ({end}) doit suivre le début ({start})."),
        tr_noop("Horaires du {weekday} : deux plages se chevauchent."),
        tr_noop("Horaires illisibles."),
    ),
    "bad_buffer": (tr_noop("Le battement doit être compris entre 0 et 120 minutes."),),
    "bad_duration": (tr_noop("Cette durée n'est pas possible."),),
    "bad_capacity": (tr_noop("Cette capacité n'est pas possible."),),
    "bad_setting": (tr_noop("Cette valeur est hors des limites du réglage."),),
    "unknown_setting": (tr_noop("Réglage inconnu."),),
    "setting_too_long": (tr_noop("Ce texte est trop long."),),
    "bad_login": (tr_noop("Nom ou code incorrect."),),
    "short_secret": (tr_noop("Le code doit comporter au moins 4 caractères."),),
    "site_exists": (tr_noop("Cette base appartient déjà à un site."),),
    "bad_site_code": (
        tr_noop("Code de site invalide : « {value} » (lettres et chiffres)."),
        tr_noop("Code de site invalide."),
    ),
    "no_site": (tr_noop("Cette base ne contient pas encore de site."),),
    "not_found": (tr_noop("Cet élément est introuvable."),),
    "missing_row": (tr_noop("La base est incohérente : un élément attendu est introuvable."),),
    # --- workshops ----------------------------------------------------------------------------------------
    "already_cancelled": (tr_noop("Cette inscription est déjà annulée."),),
    "already_registered": (
        tr_noop("Ce jeune figure déjà sur cette séance : une seule inscription par personne."),
    ),
    "attendance_missing": (
        tr_noop("Émargement incomplet : la présence de certains jeunes n'est pas saisie."),
    ),
    "bad_attendance": (tr_noop("Présence possible : présent, absent, excusé ou en retard."),),
    "bad_close": (tr_noop("La fin des inscriptions se règle au plus 30 jours avant la séance."),),
    "bad_rule": (tr_noop("Règle de récurrence illisible."),),
    "capacity_below_registrations": (
        tr_noop("La séance compte déjà plus d'inscrits : annulez d'abord des inscriptions."),
    ),
    "empty_rule": (tr_noop("Indiquez une règle de récurrence (par exemple FREQ=WEEKLY;COUNT=10)."),),
    "empty_title": (tr_noop("Donnez un titre à l'atelier."),),
    "long_title": (tr_noop("Le titre de l'atelier est trop long (120 caractères au plus)."),),
    "no_date": (tr_noop("La règle ne produit aucune date : vérifiez la date de fin et les jours choisis."),),
    "no_session": (tr_noop("Choisissez au moins une séance."),),
    "no_session_left": (tr_noop("Aucune séance ne peut être créée."),),
    "not_closable": (tr_noop("Cette séance ne peut pas être clôturée."),),
    "not_closed": (tr_noop("Cette séance n'est pas clôturée."),),
    "not_registered": (tr_noop("Ce jeune n'a pas de place à cette séance."),),
    "not_started": (tr_noop("Cette séance n'a pas encore commencé."),),
    "not_yet": (tr_noop("Cette séance n'a pas encore eu lieu."),),
    "nothing_to_change": (tr_noop("Aucune modification demandée : rien n'a été changé."),),
    "registration_closed": (tr_noop("Les inscriptions à cette séance sont closes."),),
    "rule_with_start": (
        tr_noop("La règle ne doit pas contenir DTSTART : la date de la première séance se donne à part."),
    ),
    "same_facilitator": (tr_noop("Choisissez deux animateurs différents (ou un seul)."),),
    "session_cancelled": (tr_noop("Cette séance est annulée."),),
    "session_closed": (
        tr_noop("Cette séance est clôturée : un(e) responsable de site doit d'abord la rouvrir."),
    ),
    "session_full": (tr_noop("Cette séance est complète : proposez la liste d'attente."),),
    "session_past": (tr_noop("Cette séance a déjà eu lieu."),),
    "too_many_dates": (tr_noop("Une série compte au plus 200 séances : réduisez COUNT ou UNTIL."),),
    "twice_a_day": (tr_noop("Une série compte au plus une séance par jour."),),
    "unbounded_rule": (
        tr_noop(
            "La règle doit s'arrêter : ajoutez un nombre de séances (COUNT=…) ou une date de fin (UNTIL=…)."
        ),
    ),
    "unknown_registration": (tr_noop("Inscription introuvable."),),
    "unknown_series": (tr_noop("Atelier introuvable."),),
    "unknown_session": (tr_noop("Séance d'atelier introuvable."),),
    "workshop_clash": (
        tr_noop("Des séances sont en conflit avec d'autres activités de l'animateur ou de la salle."),
    ),
    # --- printing, reports, privacy ---------------------------------------------------------------------------
    "appointment_cancelled": (tr_noop("Ce rendez-vous est annulé : il n'y a rien à confirmer."),),
    "bad_grouping": (tr_noop("Regroupement inconnu."),),
    "bad_output": (tr_noop("Sortie inconnue."),),
    "cannot_write": (tr_noop("Impossible d'écrire ce fichier."),),
    "no_folder": (tr_noop("Ce dossier n'existe pas."),),
    "out_is_folder": (tr_noop("C'est un dossier : indiquez un nom de fichier."),),
    "bad_range": (tr_noop("La date de fin doit suivre la date de début."),),
    "period_too_long": (tr_noop("La période est limitée à dix ans."),),
    # --- backups, the database file ---------------------------------------------------------------------------
    "backup_target_not_db": (
        tr_noop("Ce fichier existe et n'est pas une base de données : choisissez un autre nom."),
    ),
    "bad_backup": (tr_noop("Cette sauvegarde ne peut pas être restaurée."),),
    "restore_corrupt": (tr_noop("Cette sauvegarde est endommagée."),),
    "restore_failed": (
        tr_noop("La restauration a échoué ; la base a été remise dans l'état d'avant la restauration."),
    ),
    "db_branches": (tr_noop("Le fichier de la base de données a plusieurs versions de schéma."),),
    "db_corrupt": (tr_noop("Le fichier de la base de données est endommagé."),),
    "bad_db_url": (tr_noop("L'adresse de la base de données n'est pas valide."),),
    "bad_path": (tr_noop("Ce chemin ne convient pas."),),
    "db_auth": (tr_noop("Le serveur a refusé l'identifiant ou le mot de passe."),),
    "db_denied": (tr_noop("Le serveur refuse l'accès à cette base de données."),),
    "db_incomplete": (
        tr_noop("La sauvegarde de la base de données est incomplète : rien n'a été restauré."),
    ),
    "db_missing": (tr_noop("Cette base de données n'existe pas sur le serveur."),),
    "db_no_password": (tr_noop("Aucun mot de passe n'est enregistré pour ce serveur."),),
    "db_not_ready": (
        tr_noop("La base du serveur n'est pas prête : lancez d'abord « mlplanner server init »."),
    ),
    "site_moved": (
        tr_noop(
            "Ce site a été déplacé sur le serveur « {server} » le {day} : ce fichier n'est plus tenu à "
            "jour ; rien n'y est plus écrit ni synchronisé. Travaillez désormais sur le serveur."
        ),
        tr_noop(
            "Ce site a été déplacé sur un serveur : ce fichier n'est plus tenu à jour ; rien n'y est plus "
            "écrit ni synchronisé. Travaillez désormais sur le serveur."
        ),
    ),
    "db_ssl": (tr_noop("La connexion chiffrée (TLS) au serveur a échoué."),),
    "empty_password": (tr_noop("Le mot de passe est vide."),),
    "import_check_failed": (tr_noop("La vérification de l'import a échoué : rien n'a été importé."),),
    "no_pg_tools": (tr_noop("Les outils de PostgreSQL (pg_dump, psql) sont introuvables sur ce poste."),),
    "not_a_backup": (tr_noop("Ce fichier n'est pas une sauvegarde mlplanner."),),
    "not_a_server": (tr_noop("Cette adresse n'est pas celle d'un serveur PostgreSQL."),),
    "no_server_host": (tr_noop("Indiquez le serveur (son nom sur le réseau ou son adresse IP)."),),
    "bad_server_host": (tr_noop("Ce nom de serveur est illisible."),),
    "bad_server_port": (tr_noop("Le port doit être un nombre de 1 à 65535."),),
    "no_server_field": (tr_noop("Indiquez {field}."), tr_noop("Un champ de la connexion est vide.")),
    "bad_server_field": (
        tr_noop("Nom illisible pour {field} (sans espace ni / ? @ :)."),
        tr_noop("Un nom de la connexion est illisible (sans espace ni / ? @ :)."),
    ),
    "bad_sslmode": (tr_noop("Réglage sslmode inconnu."),),
    "server_is_demo": (
        tr_noop(
            "Ce serveur contient la démonstration (données fictives) : un site réel n'y est jamais créé. Choisissez la base de production du serveur."
        ),
    ),
    "password_in_url": (
        tr_noop(
            "Le mot de passe ne doit pas figurer dans l'adresse : utilisez le trousseau, pgpass ou PGPASSWORD."
        ),
    ),
    "pg_tool_failed": (tr_noop("Un outil de PostgreSQL a échoué."),),
    "db_error": (tr_noop("Erreur de la base de données."),),
    "db_foreign": (tr_noop("Ce fichier n'est pas une base de données mlplanner : il est laissé intact."),),
    "db_locked": (
        tr_noop(
            "La base de données est occupée par un autre poste depuis trop longtemps ; réessayez dans un instant. Rien n'a été modifié."
        ),
    ),
    "db_readonly": (
        tr_noop(
            "Le fichier de la base de données est en lecture seule : aucune modification n'est possible."
        ),
    ),
    "db_too_new": (
        tr_noop(
            "Cette base a été créée par une version plus récente de mlplanner : mettez le logiciel à jour."
        ),
    ),
    "db_unreachable": (
        tr_noop(
            "La base de données est inaccessible (disque ou partage réseau indisponible ?). Rien n'a été modifié."
        ),
    ),
    "db_unreadable": (tr_noop("Impossible de lire le fichier de la base de données."),),
    "instance_busy": (
        tr_noop("mlplanner est déjà ouvert sur ce poste avec cette base : utilisez la fenêtre déjà ouverte."),
    ),
    # --- reminders (messages to young people) -----------------------------------------------------------------
    "bad_bool": (tr_noop("Réponse attendue : oui ou non."),),
    "bad_choice": (tr_noop("Cette valeur n'est pas l'un des choix possibles."),),
    "bad_extension": (tr_noop("Le lot de SMS est un fichier .csv."),),
    "bad_gateway": (
        tr_noop(
            "L'adresse de la passerelle SMS doit contenir le numéro et un @ (par exemple {{msisdn}}@sms.fournisseur.fr)."
        ),
    ),
    "bad_host": (tr_noop("Nom de serveur illisible."),),
    "bad_hour": (tr_noop("Heure illisible (attendu par exemple 10:00)."),),
    "bad_number": (tr_noop("Indiquez un nombre dans les limites du réglage."),),
    "bad_reminder_rule": (tr_noop("Rappel non compris : indiquez « auto », « off » ou un nombre de jours."),),
    "bad_secret": (tr_noop("Le secret doit tenir sur une ligne (500 caractères au plus)."),),
    "bad_sender": (
        tr_noop("L'émetteur des SMS compte 3 à 11 lettres ou chiffres, sans accent (ex. MISSIONLOC)."),
    ),
    "bad_template": (
        tr_noop("Le modèle de message est mal écrit (objet sur une ligne, champs entre accolades)."),
    ),
    "bad_url": (tr_noop("Adresse illisible (attendu https://…)."),),
    "bad_window": (tr_noop("Plage d'envoi illisible (attendu par exemple 08:00-20:00)."),),
    "empty_template": (tr_noop("Le texte du message est vide."),),
    "file_exists": (tr_noop("Ce fichier existe déjà : choisissez un autre nom."),),
    "long_sms": (tr_noop("Ce message fait trop de SMS."),),
    "long_template": (tr_noop("Texte trop long (4000 caractères au plus)."),),
    "no_keyring": (tr_noop("Le trousseau du système est indisponible sur ce poste."),),
    "not_csv_route": (tr_noop("Les SMS de ce site ne partent pas par fichier CSV : rien n'est exporté."),),
    "secret_setting": (tr_noop("Ce réglage est un secret : il n'est jamais écrit dans le fichier."),),
    "unknown_field": (tr_noop("Le modèle contient un champ inconnu."),),
    "unknown_secret": (tr_noop("Secret inconnu."),),
    # --- sync -------------------------------------------------------------------------------------------------
    "bad_sync_folder": (tr_noop("Dossier de synchronisation : indiquez un chemin complet."),),
    "cs_auth": (tr_noop("Un lot chiffré ne s'ouvre pas avec cette phrase secrète : vérifiez-la."),),
    "cs_damaged": (tr_noop("Un lot de synchronisation est endommagé : il n'a pas été appliqué."),),
    "cs_encrypted": (tr_noop("Un lot est chiffré : indiquez la phrase secrète du réseau."),),
    "cs_incomplete": (tr_noop("Un lot est incomplet : il sera repris à la prochaine synchronisation."),),
    "cs_misplaced": (tr_noop("Un lot n'est pas à sa place dans le dossier : il n'a pas été appliqué."),),
    "cs_not_encrypted": (
        tr_noop("Un lot n'est pas chiffré alors que le réseau l'exige : il n'a pas été appliqué."),
    ),
    "cs_unknown_site": (tr_noop("Un lot vient d'un site qui n'est pas dans la liste du réseau."),),
    "cs_waiting": (tr_noop("Un lot attend des données pas encore reçues : il sera repris plus tard."),),
    "cs_site_code": (tr_noop("Deux sites différents portent le même code."),),
    "cs_too_new": (
        tr_noop("Un lot vient d'une version plus récente de mlplanner : mettez ce poste à jour."),
    ),
    "backup_folder_missing": (
        tr_noop("Le dossier des sauvegardes n'existe pas : créez-le d'abord ou choisissez-en un autre."),
    ),
    "bad_change_set_path": (tr_noop("Indiquez le dossier d'un lot : dossier partagé/SITE/numéro."),),
    "cs_future": (
        tr_noop(
            "Un lot est daté de plus d'un jour dans l'avenir : l'horloge d'un des deux postes est fausse ; il n'a pas été appliqué."
        ),
    ),
    "cs_invalid": (
        tr_noop(
            "Un lot contient une valeur refusée : il est mis de côté, les suivants continuent d'arriver."
        ),
    ),
    "cs_unreadable": (tr_noop("Un lot est illisible : il n'a pas été appliqué."),),
    "no_change_set": (tr_noop("Aucun lot de synchronisation à cet endroit."),),
    "sync_busy": (tr_noop("Une synchronisation de ce site est déjà en cours ; réessayez dans un instant."),),
    "sync_folder_error": (tr_noop("Le dossier de synchronisation est inaccessible."),),
    "sync_folder_full": (tr_noop("Le dossier de synchronisation est plein."),),
    "sync_folder_missing": (
        tr_noop("Le dossier de synchronisation est introuvable (clé USB ou partage réseau déconnecté ?)."),
    ),
    "sync_folder_readonly": (tr_noop("Le dossier de synchronisation est en lecture seule."),),
}

_FIELDS = string.Formatter()


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in _FIELDS.parse(template) if name}


def _date_text(d: date) -> str:
    return f"{weekday_name(d.weekday())} {d:%d/%m/%Y}"


def worded(details: Mapping[str, Any]) -> dict[str, str]:
    """The details as words of the UI's language (dates, statuses, roles...), plus derived ones:
    `<key>_date` for a date-time, `weekday_of_day`, the holiday's name in the UI's language."""
    out: dict[str, str] = {}
    for key, value in details.items():
        if value is None or (isinstance(value, str) and not value):
            continue
        if isinstance(value, datetime):
            out[key] = f"{value:%H:%M}"
            out[f"{key}_date"] = _date_text(value.date())
        elif isinstance(value, date):
            out[key] = _date_text(value)
            if key == "day":
                out["weekday_of_day"] = weekday_name(value.weekday())
        elif isinstance(value, time):
            out[key] = f"{value:%H:%M}"
        elif isinstance(value, Status):
            out[key] = tr(STATUS_FR[value])
        elif isinstance(value, Role):
            out[key] = tr(ROLE_FR[value])
        elif isinstance(value, Mode):
            out[key] = tr(MODE_FR[value])
        elif key == "perm":
            perm = value.value if isinstance(value, Enum) else str(value)
            out[key] = tr(PERMISSIONS[perm]) if perm in PERMISSIONS else perm
        elif key == "weekday" and isinstance(value, int):
            out[key] = weekday_name(value)
        elif key == "hours" and isinstance(value, list | tuple):
            spans = [f"{a:%H:%M}–{b:%H:%M}" for a, b in value]
            out[key] = ", ".join(spans) if spans else tr("fermé toute la journée")
        elif isinstance(value, str) and value in WORDS:
            out[key] = tr(WORDS[value], LAST_NAME if value == "Nom" else None)
        elif isinstance(value, list | tuple):
            out[key] = ", ".join(str(v) for v in value)
        else:
            out[key] = str(value)
    day = details.get("day")
    if "holiday" in out and isinstance(day, date):
        out["holiday"] = holiday_name(day, language=language()) or out["holiday"]
    return out


def refusal_text(exc: DomainError) -> str:
    """What to show for a refusal, in the UI's language (see the module docstring)."""
    if language() == "fr":
        return exc.message
    templates = MESSAGES.get(exc.code)
    if not templates:
        return exc.message  # a code nobody worded yet: the French sentence rather than nothing
    words = worded(exc.details)
    for template in templates:
        if placeholders(template) <= words.keys():
            return tr(template).format(**words)
    return exc.message


__all__ = ["MESSAGES", "placeholders", "refusal_text", "worded"]
