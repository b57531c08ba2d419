<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr">
  <context>
    <name>mlplanner</name>
    <message>
      <source>&amp;Arrivé(e)</source>
      <translation>&amp;Arrived</translation>
    </message>
    <message>
      <source>&amp;Reçu(e)</source>
      <translation>&amp;Seen</translation>
    </message>
    <message>
      <source>A&amp;bsent(e)</source>
      <translation>&amp;No-show</translation>
    </message>
    <message>
      <source>&amp;Excusé(e)</source>
      <translation>&amp;Excused</translation>
    </message>
    <message>
      <source>Qui annule ce rendez-vous ?</source>
      <translation>Who cancels this appointment?</translation>
    </message>
    <message>
      <source>Motif (facultatif) :</source>
      <translation>Reason (optional):</translation>
    </message>
    <message>
      <source>Motif de l'annulation (obligatoire) :</source>
      <translation>Reason for cancelling (required):</translation>
    </message>
    <message>
      <source>A&amp;nnuler le rendez-vous…</source>
      <translation>Ca&amp;ncel the appointment…</translation>
    </message>
    <message>
      <source>&amp;Imprimer le coupon</source>
      <translation>&amp;Print the slip</translation>
    </message>
    <message>
      <source>Le jeune</source>
      <translation>The young person</translation>
    </message>
    <message>
      <source>La Mission Locale</source>
      <translation>The Mission Locale</translation>
    </message>
    <message>
      <source>Annuler le rendez-vous</source>
      <translation>Cancel the appointment</translation>
    </message>
    <message>
      <source>&amp;Déplacer…</source>
      <translation>&amp;Move…</translation>
    </message>
    <message>
      <source>Annuler le rendez-vous…</source>
      <translation>Cancel the appointment…</translation>
    </message>
    <message>
      <source>Ouvrir la fiche du jeune</source>
      <translation>Open the young person's file</translation>
    </message>
    <message>
      <source>Imprimer le coupon</source>
      <translation>Print the slip</translation>
    </message>
    <message>
      <source>&amp;Ouvrir la fiche du jeune</source>
      <translation>&amp;Open the young person's file</translation>
    </message>
    <message>
      <source>Sélectionnez d'abord un rendez-vous.</source>
      <translation>Select an appointment first.</translation>
    </message>
    <message>
      <source>Tapez un nom puis Entrée pour pointer l'arrivée…</source>
      <translation>Type a name then Enter to check in…</translation>
    </message>
    <message>
      <source>Filtrer les rendez-vous du jour</source>
      <translation>Filter today's appointments</translation>
    </message>
    <message>
      <source>Afficher aussi les &amp;reçus et absents</source>
      <translation>Also show &amp;seen and no-shows</translation>
    </message>
    <message>
      <source>Pointer l'arrivée de la personne sélectionnée (Ctrl+Shift+A)</source>
      <translation>Check in the selected person (Ctrl+Shift+A)</translation>
    </message>
    <message>
      <source>Sans rendez-&amp;vous…</source>
      <translation>&amp;Walk-in…</translation>
    </message>
    <message>
      <source>Un jeune venu sans rendez-vous rejoint la file (Ctrl+Shift+N)</source>
      <translation>A young person without an appointment joins the queue (Ctrl+Shift+N)</translation>
    </message>
    <message>
      <source>Rendez-vous du jour</source>
      <translation>Today's appointments</translation>
    </message>
    <message>
      <source>attendu(e)</source>
      <translation>expected</translation>
    </message>
    <message>
      <source>Type de rendez-vous</source>
      <translation>Appointment type</translation>
    </message>
    <message>
      <source>Ajouter à la &amp;file</source>
      <translation>Add to the &amp;queue</translation>
    </message>
    <message>
      <source>Fermer</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Refus</source>
      <translation>Refusal</translation>
    </message>
    <message>
      <source>Type :</source>
      <translation>Type:</translation>
    </message>
    <message>
      <source>Heure</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>Jeune</source>
      <translation>Young person</translation>
    </message>
    <message>
      <source>Conseiller</source>
      <translation>Counsellor</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Bureau</source>
      <translation>Office</translation>
    </message>
    <message>
      <source>Statut</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Attente</source>
      <translation>Waiting</translation>
    </message>
    <message>
      <source>{waiting} en salle d'attente · {expected} attendu(s) · {seen} reçu(s)</source>
      <translation>{waiting} in the waiting room · {expected} expected · {seen} seen</translation>
    </message>
    <message>
      <source>arrivé(e) à {time}</source>
      <translation>arrived at {time}</translation>
    </message>
    <message>
      <source>attendu(e) · en retard de {late}</source>
      <translation>expected · {late} late</translation>
    </message>
    <message>
      <source>Nouveau rendez-vous</source>
      <translation>New appointment</translation>
    </message>
    <message>
      <source>Chercher à partir du</source>
      <translation>Search from</translation>
    </message>
    <message>
      <source>Créneaux proposés</source>
      <translation>Proposed slots</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>facultatif</source>
      <translation>optional</translation>
    </message>
    <message>
      <source>&amp;Prendre le rendez-vous</source>
      <translation>&amp;Book</translation>
    </message>
    <message>
      <source>Réserver le créneau sélectionné (Entrée dans la liste, ou Ctrl+Entrée)</source>
      <translation>Book the selected slot (Enter in the list, or Ctrl+Enter)</translation>
    </message>
    <message>
      <source>Tous (le référent d'abord)</source>
      <translation>Any (referent first)</translation>
    </message>
    <message>
      <source>&amp;Jeune :</source>
      <translation>&amp;Young person:</translation>
    </message>
    <message>
      <source>&amp;Type :</source>
      <translation>&amp;Type:</translation>
    </message>
    <message>
      <source>&amp;Conseiller :</source>
      <translation>&amp;Counsellor:</translation>
    </message>
    <message>
      <source>À partir du :</source>
      <translation>From:</translation>
    </message>
    <message>
      <source>Cré&amp;neaux :</source>
      <translation>S&amp;lots:</translation>
    </message>
    <message>
      <source>N&amp;ote :</source>
      <translation>N&amp;ote:</translation>
    </message>
    <message>
      <source>Raccourcis clavier

Ctrl+1 … Ctrl+4 : planning du jour, semaine, accueil, ma journée
Ctrl+N : nouveau rendez-vous — tapez le nom, Entrée, Entrée, Entrée
Ctrl+Shift+N : jeune sans rendez-vous (file d'attente)
Alt+← / Alt+→ / Alt+Origine : jour précédent / suivant / aujourd'hui ; Ctrl+G : aller à une date
Flèches puis Entrée sur une case blanche : rendez-vous à cette heure
Menu ou Maj+F10 : actions du rendez-vous sélectionné ; Ctrl+X puis Entrée : le déplacer
Ctrl+Shift+A / R / B / E : arrivé, reçu, absent, excusé ; Suppr : annuler le rendez-vous
Ctrl+O : fiche du jeune ; Ctrl+P : imprimer le coupon
Ctrl+Z / Ctrl+Maj+Z : annuler / rétablir
Ctrl+L : changer d'utilisateur</source>
      <translation>Keyboard shortcuts

Ctrl+1 … Ctrl+4: day schedule, week, reception, my day
Ctrl+N: new appointment — type the name, Enter, Enter, Enter
Ctrl+Shift+N: walk-in (waiting queue)
Alt+← / Alt+→ / Alt+Home: previous / next day / today; Ctrl+G: go to a date
Arrows then Enter on a white cell: appointment at that time
Menu or Shift+F10: actions on the selected appointment; Ctrl+X then Enter: move it
Ctrl+Shift+A / R / B / E: arrived, seen, no-show, excused; Del: cancel the appointment
Ctrl+O: young person's file; Ctrl+P: print the slip
Ctrl+Z / Ctrl+Shift+Z: undo / redo
Ctrl+L: change user</translation>
    </message>
    <message>
      <source>&amp;Langue</source>
      <translation>&amp;Language</translation>
    </message>
    <message>
      <source>Planning du jour</source>
      <translation>Day schedule</translation>
    </message>
    <message>
      <source>Semaine</source>
      <translation>Week</translation>
    </message>
    <message>
      <source>Accueil et arrivées</source>
      <translation>Reception and arrivals</translation>
    </message>
    <message>
      <source>Ma journée</source>
      <translation>My day</translation>
    </message>
    <message>
      <source>&amp;Nouveau rendez-vous…</source>
      <translation>&amp;New appointment…</translation>
    </message>
    <message>
      <source>Jeune &amp;sans rendez-vous…</source>
      <translation>&amp;Walk-in…</translation>
    </message>
    <message>
      <source>Changer d'&amp;utilisateur…</source>
      <translation>Change &amp;user…</translation>
    </message>
    <message>
      <source>&amp;Raccourcis clavier</source>
      <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
      <source>La langue choisie sera utilisée au prochain démarrage de mlplanner.</source>
      <translation>The chosen language will be used the next time mlplanner starts.</translation>
    </message>
    <message>
      <source>Langue</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>Raccourcis clavier</source>
      <translation>Keyboard shortcuts</translation>
    </message>
    <message>
      <source>Message</source>
      <translation>Message</translation>
    </message>
    <message>
      <source>Déplacer</source>
      <translation>Move</translation>
    </message>
    <message>
      <source>◀</source>
      <translation>◀</translation>
    </message>
    <message>
      <source>&amp;Aujourd'hui</source>
      <translation>&amp;Today</translation>
    </message>
    <message>
      <source>Revenir à aujourd'hui (Alt+Origine)</source>
      <translation>Back to today (Alt+Home)</translation>
    </message>
    <message>
      <source>▶</source>
      <translation>▶</translation>
    </message>
    <message>
      <source>Date affichée</source>
      <translation>Date shown</translation>
    </message>
    <message>
      <source>Aller à une date (Ctrl+G)</source>
      <translation>Go to a date (Ctrl+G)</translation>
    </message>
    <message>
      <source>&amp;Conseillers</source>
      <translation>&amp;Counsellors</translation>
    </message>
    <message>
      <source>&amp;Bureaux</source>
      <translation>&amp;Rooms</translation>
    </message>
    <message>
      <source>Une colonne par conseiller</source>
      <translation>One column per counsellor</translation>
    </message>
    <message>
      <source>Une colonne par bureau ou salle</source>
      <translation>One column per office or room</translation>
    </message>
    <message>
      <source>&amp;Semaine</source>
      <translation>&amp;Week</translation>
    </message>
    <message>
      <source>Semaine de la colonne sélectionnée</source>
      <translation>Week of the selected column</translation>
    </message>
    <message>
      <source>Prendre un rendez-vous (Ctrl+N)</source>
      <translation>Book an appointment (Ctrl+N)</translation>
    </message>
    <message>
      <source> (aujourd'hui)</source>
      <translation> (today)</translation>
    </message>
    <message>
      <source>Sélectionnez un rendez-vous encore prévu pour le déplacer.</source>
      <translation>Select an appointment that is still booked to move it.</translation>
    </message>
    <message>
      <source>Déplacement refusé : {reason}</source>
      <translation>Move refused: {reason}</translation>
    </message>
    <message>
      <source>Créneau indisponible ({reason}) : choisissez une case blanche.</source>
      <translation>Slot unavailable ({reason}): choose a white cell.</translation>
    </message>
    <message>
      <source>Planning de la semaine</source>
      <translation>Week schedule</translation>
    </message>
    <message>
      <source>Conseiller ou bureau</source>
      <translation>Counsellor or room</translation>
    </message>
    <message>
      <source>Cette &amp;semaine</source>
      <translation>This &amp;week</translation>
    </message>
    <message>
      <source>&amp;Planning de :</source>
      <translation>&amp;Schedule of:</translation>
    </message>
    <message>
      <source>Semaine du {first} au {last}</source>
      <translation>Week from {first} to {last}</translation>
    </message>
    <message>
      <source>Connexion — mlplanner</source>
      <translation>Log in — mlplanner</translation>
    </message>
    <message>
      <source>Votre nom</source>
      <translation>Your name</translation>
    </message>
    <message>
      <source>Code personnel</source>
      <translation>Personal code</translation>
    </message>
    <message>
      <source>code personnel</source>
      <translation>personal code</translation>
    </message>
    <message>
      <source>&amp;Code :</source>
      <translation>&amp;Code:</translation>
    </message>
    <message>
      <source>Erreur de connexion</source>
      <translation>Login error</translation>
    </message>
    <message>
      <source>Se &amp;connecter</source>
      <translation>&amp;Log in</translation>
    </message>
    <message>
      <source>Fichier</source>
      <translation>File</translation>
    </message>
    <message>
      <source>Édition</source>
      <translation>Edit</translation>
    </message>
    <message>
      <source>Affichage</source>
      <translation>View</translation>
    </message>
    <message>
      <source>Rendez-vous</source>
      <translation>Appointments</translation>
    </message>
    <message>
      <source>Jeunes</source>
      <translation>Young people</translation>
    </message>
    <message>
      <source>Ateliers</source>
      <translation>Workshops</translation>
    </message>
    <message>
      <source>Outils</source>
      <translation>Tools</translation>
    </message>
    <message>
      <source>Aide</source>
      <translation>Help</translation>
    </message>
    <message>
      <source>Pages</source>
      <translation>Pages</translation>
    </message>
    <message>
      <source>&amp;Quitter</source>
      <translation>&amp;Quit</translation>
    </message>
    <message>
      <source>Annuler</source>
      <translation>Undo</translation>
    </message>
    <message>
      <source>Rétablir</source>
      <translation>Redo</translation>
    </message>
    <message>
      <source>Rendez-vous à compléter</source>
      <translation>Appointments to fill in</translation>
    </message>
    <message>
      <source>&amp;Compléter</source>
      <translation>&amp;Fill in</translation>
    </message>
    <message>
      <source>Mes rendez-vous</source>
      <translation>My appointments</translation>
    </message>
    <message>
      <source>Sélectionnez un rendez-vous.</source>
      <translation>Select an appointment.</translation>
    </message>
    <message>
      <source>Rendez-vous sélectionné</source>
      <translation>Selected appointment</translation>
    </message>
    <message>
      <source>Note d'entretien</source>
      <translation>Interview note</translation>
    </message>
    <message>
      <source>Note courte (facultatif) : démarches, prochaine étape…</source>
      <translation>Short note (optional): steps taken, next step…</translation>
    </message>
    <message>
      <source>Enregistrer la &amp;note</source>
      <translation>Save the &amp;note</translation>
    </message>
    <message>
      <source>Con&amp;seiller :</source>
      <translation>Coun&amp;sellor:</translation>
    </message>
    <message>
      <source>à compléter</source>
      <translation>to fill in</translation>
    </message>
    <message>
      <source>prévu — pas encore arrivé(e)</source>
      <translation>booked — not arrived yet</translation>
    </message>
    <message>
      <source>Rendez-vous passés à compléter</source>
      <translation>Past appointments to fill in</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Ma journée — {name}</source>
      <translation>My day — {name}</translation>
    </message>
    <message>
      <source>Synchronisation : jamais</source>
      <translation>Sync: never</translation>
    </message>
    <message>
      <source>Tâche en cours</source>
      <translation>Task in progress</translation>
    </message>
    <message>
      <source>Nom, prénom, téléphone ou n° i-milo…</source>
      <translation>Name, first name, phone or i-milo number…</translation>
    </message>
    <message>
      <source>Rechercher un jeune</source>
      <translation>Search for a young person</translation>
    </message>
    <message>
      <source>Nouveau &amp;jeune…</source>
      <translation>New &amp;young person…</translation>
    </message>
    <message>
      <source>Créer la fiche d'un jeune qui n'est pas encore connu (Alt+J)</source>
      <translation>Create the file of a young person not yet known (Alt+J)</translation>
    </message>
    <message>
      <source>Jeunes trouvés</source>
      <translation>Young people found</translation>
    </message>
    <message>
      <source>jj/mm/aaaa</source>
      <translation>dd/mm/yyyy</translation>
    </message>
    <message>
      <source>&amp;Créer la fiche</source>
      <translation>&amp;Create the file</translation>
    </message>
    <message>
      <source>Ce n'est pas la même personne : créer &amp;quand même</source>
      <translation>Not the same person: create &amp;anyway</translation>
    </message>
    <message>
      <source>Erreur de création</source>
      <translation>Creation error</translation>
    </message>
    <message>
      <source>&amp;Nom :</source>
      <translation>&amp;Last name:</translation>
    </message>
    <message>
      <source>&amp;Prénom :</source>
      <translation>&amp;First name:</translation>
    </message>
    <message>
      <source>Né(e) le :</source>
      <translation>Born on:</translation>
    </message>
    <message>
      <source>&amp;Téléphone :</source>
      <translation>&amp;Phone:</translation>
    </message>
  </context>
</TS>
