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
      <translation>&amp;Cancel the appointment…</translation>
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
      <source>Afficher aussi les reçus et a&amp;bsents</source>
      <translation>Also show seen and &amp;no-shows</translation>
    </message>
    <message>
      <source>Arri&amp;vé(e)</source>
      <translation>Arr&amp;ived</translation>
    </message>
    <message>
      <source>Sa&amp;ns rendez-vous…</source>
      <translation>Wal&amp;k-in…</translation>
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
      <source>Votre rôle ne permet pas d'ajouter un jeune à la file.</source>
      <translation>Your role does not allow adding a young person to the queue.</translation>
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
      <source>arrivé(e) à {time}</source>
      <translation>arrived at {time}</translation>
    </message>
    <message>
      <source>attendu(e) · en retard de {late}</source>
      <translation>expected · {late} late</translation>
    </message>
    <message>
      <source>{name} : déjà « {status} ».</source>
      <translation>{name}: already “{status}”.</translation>
    </message>
    <message>
      <source>Arrivée de {name} pointée ({who} prévenu(e)).</source>
      <translation>{name} checked in ({who} notified).</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Par</source>
      <translation>By</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>Objet</source>
      <translation>Subject</translation>
    </message>
    <message>
      <source>Détail</source>
      <translation>Details</translation>
    </message>
    <message>
      <source>Personne</source>
      <translation>Person</translation>
    </message>
    <message>
      <source>Du</source>
      <translation>From</translation>
    </message>
    <message>
      <source>Au</source>
      <translation>To</translation>
    </message>
    <message>
      <source>Tout afficher</source>
      <translation>Show all</translation>
    </message>
    <message>
      <source>Journal d'audit</source>
      <translation>Audit log</translation>
    </message>
    <message>
      <source>Le journal d'audit est réservé aux responsables de site.</source>
      <translation>The audit log is reserved for site leads.</translation>
    </message>
    <message>
      <source>au</source>
      <translation>to</translation>
    </message>
    <message>
      <source>Tout le monde</source>
      <translation>Everyone</translation>
    </message>
    <message>
      <source>Toutes les actions</source>
      <translation>All actions</translation>
    </message>
    <message>
      <source>, {shown} chargées (la suite en faisant défiler)</source>
      <translation>, {shown} loaded (scroll for more)</translation>
    </message>
    <message>
      <source>(effacé ou anonymisé)</source>
      <translation>(erased or anonymised)</translation>
    </message>
    <message>
      <source>(système)</source>
      <translation>(system)</translation>
    </message>
    <message>
      <source>{total} entrée(s)</source>
      <translation>{total} entries</translation>
    </message>
    <message>
      <source>date inconnue</source>
      <translation>unknown date</translation>
    </message>
    <message>
      <source>{date} à {time}</source>
      <translation>{date} at {time}</translation>
    </message>
    <message>
      <source>{n} Ko</source>
      <translation>{n} KB</translation>
    </message>
    <message>
      <source>Taille</source>
      <translation>Size</translation>
    </message>
    <message>
      <source>Sauvegarde du jour en cours</source>
      <translation>Today's backup in progress</translation>
    </message>
    <message>
      <source>Sauvegardes de la base</source>
      <translation>Database backups</translation>
    </message>
    <message>
      <source>Sauvegardes</source>
      <translation>Backups</translation>
    </message>
    <message>
      <source>Aperçu de la sauvegarde choisie</source>
      <translation>Preview of the chosen backup</translation>
    </message>
    <message>
      <source>Sauvegarder maintenant</source>
      <translation>Back up now</translation>
    </message>
    <message>
      <source>Autre fichier…</source>
      <translation>Other file…</translation>
    </message>
    <message>
      <source>Restaurer cette sauvegarde…</source>
      <translation>Restore this backup…</translation>
    </message>
    <message>
      <source>Fermer</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>{n} Mo</source>
      <translation>{n} MB</translation>
    </message>
    <message>
      <source>Sauvegarde du</source>
      <translation>Backup of</translation>
    </message>
    <message>
      <source>Site</source>
      <translation>Site</translation>
    </message>
    <message>
      <source>Jeunes</source>
      <translation>Young people</translation>
    </message>
    <message>
      <source>Rendez-vous</source>
      <translation>Appointment</translation>
    </message>
    <message>
      <source>Dernière modification</source>
      <translation>Last change</translation>
    </message>
    <message>
      <source>État</source>
      <translation>State</translation>
    </message>
    <message>
      <source>Réservé aux responsables de site.</source>
      <translation>Reserved for site leads.</translation>
    </message>
    <message>
      <source>Remplacer toutes les données actuelles par la sauvegarde du {when} ({youths} jeunes, {appointments} rendez-vous) ?

Une copie de l'état actuel est faite avant : la restauration peut être annulée en la restaurant. Les autres postes ouverts sur cette base verront les données restaurées.</source>
      <translation>Replace all current data with the backup of {when} ({youths} young people, {appointments} appointments)?

A copy of the current state is made first: the restore can be undone by restoring that copy. Other workstations open on this database will see the restored data.</translation>
    </message>
    <message>
      <source>Dossier des sauvegardes : {folder}</source>
      <translation>Backup folder: {folder}</translation>
    </message>
    <message>
      <source>Peut être restaurée.</source>
      <translation>Can be restored.</translation>
    </message>
    <message>
      <source>Restaurer une sauvegarde</source>
      <translation>Restore a backup</translation>
    </message>
    <message>
      <source>Sauvegarde écrite : {file}</source>
      <translation>Backup written: {file}</translation>
    </message>
    <message>
      <source>Sauvegarde restaurée. L'état d'avant la restauration est conservé dans « {file} ».</source>
      <translation>Backup restored. The state before the restore is kept in “{file}”.</translation>
    </message>
    <message>
      <source>{day} {date} à {time}</source>
      <translation>{day} {date} at {time}</translation>
    </message>
    <message>
      <source>Nouveau rendez-vous</source>
      <translation>New appointment</translation>
    </message>
    <message>
      <source>Type de rendez-vous</source>
      <translation>Appointment type</translation>
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
      <source>Refus</source>
      <translation>Refusal</translation>
    </message>
    <message>
      <source>&amp;Prendre le rendez-vous</source>
      <translation>&amp;Book</translation>
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
      <source> — référent(e)</source>
      <translation> — referent</translation>
    </message>
    <message>
      <source>conseiller libre</source>
      <translation>free counsellor</translation>
    </message>
    <message>
      <source>Aucun créneau libre dans les trois prochains mois.</source>
      <translation>No free slot in the next three months.</translation>
    </message>
    <message>
      <source>Choisissez d'abord le jeune (tapez quelques lettres de son nom).</source>
      <translation>First choose the young person (type a few letters of their name).</translation>
    </message>
    <message>
      <source>Choisissez un créneau dans la liste.</source>
      <translation>Choose a slot in the list.</translation>
    </message>
    <message>
      <source>Créneau choisi : {slot}</source>
      <translation>Chosen slot: {slot}</translation>
    </message>
    <message>
      <source>Nouveau rendez-vous — {when}</source>
      <translation>New appointment — {when}</translation>
    </message>
    <message>
      <source>Rendez-vous pris : {name}, {when} avec {who}</source>
      <translation>Appointment booked: {name}, {when} with {who}</translation>
    </message>
    <message>
      <source>Appelé</source>
      <translation>Called</translation>
    </message>
    <message>
      <source>Téléphone</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>Jour des rendez-vous à rappeler</source>
      <translation>Day of the appointments to remind</translation>
    </message>
    <message>
      <source>Jour à appeler aujourd'hui</source>
      <translation>Today's call day</translation>
    </message>
    <message>
      <source>Le deuxième jour d'ouverture à partir d'aujourd'hui</source>
      <translation>The second opening day from today</translation>
    </message>
    <message>
      <source>Imprimer la liste…</source>
      <translation>Print the list…</translation>
    </message>
    <message>
      <source>Jeunes sans accord pour les SMS : cochez la case (ou Espace) une fois l'appel passé. Double-clic : ouvrir le dossier.</source>
      <translation>Young people who have not agreed to SMS: tick the box (or press Space) once the call is made. Double-click: open the file.</translation>
    </message>
    <message>
      <source>Jeunes à appeler</source>
      <translation>Young people to call</translation>
    </message>
    <message>
      <source>Rendez-vous du</source>
      <translation>Appointments on</translation>
    </message>
    <message>
      <source>&lt;b&gt;{count}&lt;/b&gt; jeune(s) à appeler · &lt;b&gt;{done}&lt;/b&gt; appelé(s)</source>
      <translation>&lt;b&gt;{count}&lt;/b&gt; young people to call · &lt;b&gt;{done}&lt;/b&gt; called</translation>
    </message>
    <message>
      <source>oui</source>
      <translation>yes</translation>
    </message>
    <message>
      <source>pas de numéro</source>
      <translation>no number</translation>
    </message>
    <message>
      <source>Cocher une fois l'appel passé</source>
      <translation>Tick once the call is made</translation>
    </message>
    <message>
      <source>{count} sans numéro</source>
      <translation>{count} without a number</translation>
    </message>
    <message>
      <source>Appel noté par {who}</source>
      <translation>Call recorded by {who}</translation>
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
      <source>Non travaillé</source>
      <translation>Not working</translation>
    </message>
    <message>
      <source>Sans salle</source>
      <translation>No room</translation>
    </message>
    <message>
      <source>Jour férié : {name}</source>
      <translation>Public holiday: {name}</translation>
    </message>
    <message>
      <source>Site fermé</source>
      <translation>Site closed</translation>
    </message>
    <message>
      <source>Fermé</source>
      <translation>Closed</translation>
    </message>
    <message>
      <source>Absent(e)</source>
      <translation>Absent</translation>
    </message>
    <message>
      <source>Fermé : {reason}</source>
      <translation>Closed: {reason}</translation>
    </message>
    <message>
      <source>Absent(e) : {reason}</source>
      <translation>Absent: {reason}</translation>
    </message>
    <message>
      <source>⚠ double : {names}</source>
      <translation>⚠ double: {names}</translation>
    </message>
    <message>
      <source>Statut : {status}</source>
      <translation>Status: {status}</translation>
    </message>
    <message>
      <source>⚠ aussi : {names}</source>
      <translation>⚠ also: {names}</translation>
    </message>
    <message>
      <source>{start}–{end} avec {who}</source>
      <translation>{start}–{end} with {who}</translation>
    </message>
    <message>
      <source>Note : {note}</source>
      <translation>Note: {note}</translation>
    </message>
    <message>
      <source>Double rendez-vous forcé : {reason}</source>
      <translation>Double booking forced: {reason}</translation>
    </message>
    <message>
      <source>⚠ En même temps : {name} ({start}–{end})</source>
      <translation>⚠ At the same time: {name} ({start}–{end})</translation>
    </message>
    <message>
      <source>Message</source>
      <translation>Message</translation>
    </message>
    <message>
      <source>◀</source>
      <translation>◀</translation>
    </message>
    <message>
      <source>Aujourd'&amp;hui</source>
      <translation>To&amp;day</translation>
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
      <translation>Wee&amp;k</translation>
    </message>
    <message>
      <source>Semaine de la colonne sélectionnée</source>
      <translation>Week of the selected column</translation>
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
      <source>Déplacement de {name} : choisissez la nouvelle case puis Entrée (Échap pour renoncer).</source>
      <translation>Moving {name}: choose the new cell then Enter (Esc to give up).</translation>
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
      <source>Rendez-vous de {name} déplacé à {time}.</source>
      <translation>{name}'s appointment moved to {time}.</translation>
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
      <translation>This wee&amp;k</translation>
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
      <source>{name} (bureau)</source>
      <translation>{name} (office)</translation>
    </message>
    <message>
      <source>Une erreur inattendue s'est produite. L'application reste ouverte et rien de ce qui était déjà enregistré n'est perdu ; vérifiez la dernière action puis recommencez si besoin.</source>
      <translation>An unexpected error occurred. The application stays open and nothing already saved is lost; check the last action and try again if needed.</translation>
    </message>
    <message>
      <source>

Le détail technique est enregistré dans le journal :
{path}</source>
      <translation>

The technical details are in the log:
{path}</translation>
    </message>
    <message>
      <source>Présences (rendez-vous et ateliers)</source>
      <translation>Attendance (appointments and workshops)</translation>
    </message>
    <message>
      <source>Inscriptions aux ateliers</source>
      <translation>Workshop registrations</translation>
    </message>
    <message>
      <source>Statistiques mensuelles</source>
      <translation>Monthly statistics</translation>
    </message>
    <message>
      <source>Exporter pour Excel</source>
      <translation>Export for Excel</translation>
    </message>
    <message>
      <source>Données à exporter</source>
      <translation>Data to export</translation>
    </message>
    <message>
      <source>Fichier à écrire</source>
      <translation>File to write</translation>
    </message>
    <message>
      <source>Choisir…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>Exporter :</source>
      <translation>Export:</translation>
    </message>
    <message>
      <source>Période :</source>
      <translation>Period:</translation>
    </message>
    <message>
      <source>Fichier :</source>
      <translation>File:</translation>
    </message>
    <message>
      <source>Exporter</source>
      <translation>Export</translation>
    </message>
    <message>
      <source>Exporter vers le fichier</source>
      <translation>Export to the file</translation>
    </message>
    <message>
      <source>du</source>
      <translation>from</translation>
    </message>
    <message>
      <source>Indiquez le fichier à écrire.</source>
      <translation>Enter the file to write.</translation>
    </message>
    <message>
      <source>{name} (date)</source>
      <translation>{name} (date)</translation>
    </message>
    <message>
      <source>{n} ligne(s) écrite(s) dans « {path} ».</source>
      <translation>{n} line(s) written to “{path}”.</translation>
    </message>
    <message>
      <source>Export écrit : {file}</source>
      <translation>Export written: {file}</translation>
    </message>
    <message>
      <source>Le fichier « {name} » existe déjà. Le remplacer ?</source>
      <translation>The file “{name}” already exists. Replace it?</translation>
    </message>
    <message>
      <source>nouveaux</source>
      <translation>new</translation>
    </message>
    <message>
      <source>complétés</source>
      <translation>completed</translation>
    </message>
    <message>
      <source>déjà présents</source>
      <translation>already present</translation>
    </message>
    <message>
      <source>doublons dans le fichier</source>
      <translation>duplicates in the file</translation>
    </message>
    <message>
      <source>erreurs</source>
      <translation>errors</translation>
    </message>
    <message>
      <source>aucune ligne</source>
      <translation>no lines</translation>
    </message>
    <message>
      <source>Ligne</source>
      <translation>Line</translation>
    </message>
    <message>
      <source>Résultat</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>Nom</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Nom</source>
      <comment>nom de famille</comment>
      <translation>Last name</translation>
    </message>
    <message>
      <source>Remarque</source>
      <translation>Remark</translation>
    </message>
    <message>
      <source>Importer des jeunes</source>
      <translation>Import young people</translation>
    </message>
    <message>
      <source>Fichier à importer</source>
      <translation>File to import</translation>
    </message>
    <message>
      <source>Relire</source>
      <translation>Read again</translation>
    </message>
    <message>
      <source>Relire le fichier (après l'avoir corrigé)</source>
      <translation>Read the file again (after correcting it)</translation>
    </message>
    <message>
      <source>Choisissez un fichier : rien n'est enregistré avant « Importer ».</source>
      <translation>Choose a file: nothing is saved before “Import”.</translation>
    </message>
    <message>
      <source>Aperçu de l'import</source>
      <translation>Import preview</translation>
    </message>
    <message>
      <source>Seulement les lignes à vérifier</source>
      <translation>Only the lines to check</translation>
    </message>
    <message>
      <source>Importer</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>Fichier de jeunes à importer</source>
      <translation>File of young people to import</translation>
    </message>
    <message>
      <source>aucune</source>
      <translation>none</translation>
    </message>
    <message>
      <source>Importé : {counts}.</source>
      <translation>Imported: {counts}.</translation>
    </message>
    <message>
      <source>Aperçu : {counts}.</source>
      <translation>Preview: {counts}.</translation>
    </message>
    <message>
      <source>Lecture du fichier…</source>
      <translation>Reading the file…</translation>
    </message>
    <message>
      <source>Import en cours…</source>
      <translation>Importing…</translation>
    </message>
    <message>
      <source>Encodage {encoding}, séparateur « {delimiter} ». Colonnes reconnues : {columns}.</source>
      <translation>Encoding {encoding}, separator “{delimiter}”. Columns recognised: {columns}.</translation>
    </message>
    <message>
      <source>Rien à importer : toutes les personnes du fichier sont déjà connues.</source>
      <translation>Nothing to import: everyone in the file is already known.</translation>
    </message>
    <message>
      <source>Import des jeunes</source>
      <translation>Importing young people</translation>
    </message>
    <message>
      <source>Colonnes ignorées : {columns}.</source>
      <translation>Columns ignored: {columns}.</translation>
    </message>
    <message>
      <source>Import terminé : {created} jeune(s) créé(s), {updated} fiche(s) complétée(s). Un nouvel import du même fichier ne changerait rien.</source>
      <translation>Import finished: {created} young people created, {updated} file(s) completed. Importing the same file again would change nothing.</translation>
    </message>
    <message>
      <source>Les {n} ligne(s) en erreur seront ignorées.</source>
      <translation>The {n} line(s) in error will be skipped.</translation>
    </message>
    <message>
      <source>« Importer » enregistrera {n} fiche(s).</source>
      <translation>“Import” will save {n} file(s).</translation>
    </message>
    <message>
      <source>Base de données inaccessible : nouvel essai en cours…</source>
      <translation>Database unreachable: trying again…</translation>
    </message>
    <message>
      <source>Qui êtes-vous ?</source>
      <translation>Who are you?</translation>
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
      <source>Se co&amp;nnecter</source>
      <translation>Log i&amp;n</translation>
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
      <source>&amp;Fichier</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>É&amp;dition</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <source>&amp;Affichage</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <source>&amp;Rendez-vous</source>
      <translation>&amp;Appointments</translation>
    </message>
    <message>
      <source>&amp;Jeunes</source>
      <translation>&amp;Young people</translation>
    </message>
    <message>
      <source>A&amp;teliers</source>
      <translation>&amp;Workshops</translation>
    </message>
    <message>
      <source>&amp;Outils</source>
      <translation>&amp;Tools</translation>
    </message>
    <message>
      <source>Aid&amp;e</source>
      <translation>&amp;Help</translation>
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
      <source>Ouverture de la base…</source>
      <translation>Opening the database…</translation>
    </message>
    <message>
      <source>Rendez-vous à compléter</source>
      <translation>Appointments to fill in</translation>
    </message>
    <message>
      <source>&amp;Compléter</source>
      <translation>F&amp;ill in</translation>
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
      <source>Reç&amp;u(e)</source>
      <translation>Seen (&amp;u)</translation>
    </message>
    <message>
      <source>E&amp;xcusé(e)</source>
      <translation>E&amp;xcused</translation>
    </message>
    <message>
      <source>Enre&amp;gistrer la note</source>
      <translation>&amp;Record the note</translation>
    </message>
    <message>
      <source>&amp;Note :</source>
      <translation>N&amp;ote:</translation>
    </message>
    <message>
      <source>Con&amp;seiller :</source>
      <translation>Coun&amp;sellor:</translation>
    </message>
    <message>
      <source>Ateliers animés aujourd'hui</source>
      <translation>Workshops run today</translation>
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
      <source>Retour à &amp;la journée</source>
      <translation>&amp;Back to the day</translation>
    </message>
    <message>
      <source>Ateliers animés aujourd'hui : </source>
      <translation>Workshops run today: </translation>
    </message>
    <message>
      <source>⚠ {n} rendez-vous passé(s) sont encore « à compléter », dont {older} des jours précédents : indiquez s'ils ont été reçus, absents ou excusés.</source>
      <translation>⚠ {n} past appointment(s) still “to fill in”, {older} of them from previous days: record whether they were seen, no-shows or excused.</translation>
    </message>
    <message>
      <source>⚠ {n} rendez-vous passé(s) sont encore « à compléter » : indiquez s'ils ont été reçus, absents ou excusés.</source>
      <translation>⚠ {n} past appointment(s) still “to fill in”: record whether they were seen, no-shows or excused.</translation>
    </message>
    <message>
      <source>{start}–{end} {title} ({room}, {n}/{cap} inscrits)</source>
      <translation>{start}–{end} {title} ({room}, {n}/{cap} registered)</translation>
    </message>
    <message>
      <source>● arrivé(e) à {time} — attend depuis {minutes} min</source>
      <translation>● arrived at {time} — waiting for {minutes} min</translation>
    </message>
    <message>
      <source>prévu — en retard de {minutes} min</source>
      <translation>booked — {minutes} min late</translation>
    </message>
    <message>
      <source>Enregistrer l'issue avec la note ({keys})</source>
      <translation>Record the outcome with the note ({keys})</translation>
    </message>
    <message>
      <source>Ma journée — {name}</source>
      <translation>My day — {name}</translation>
    </message>
    <message>
      <source>{n} rendez-vous passé(s) attendent leur issue (reçu, absent ou excusé).</source>
      <translation>{n} past appointment(s) awaiting their outcome (seen, no-show or excused).</translation>
    </message>
    <message>
      <source>sans salle</source>
      <translation>no room</translation>
    </message>
    <message>
      <source>Statut :</source>
      <translation>Status:</translation>
    </message>
    <message>
      <source>{day} de {start} à {end}</source>
      <translation>{day} from {start} to {end}</translation>
    </message>
    <message>
      <source>{task} : interrompu.</source>
      <translation>{task}: interrupted.</translation>
    </message>
    <message>
      <source>&amp;Sauvegardes et restauration…</source>
      <translation>&amp;Backups and restore…</translation>
    </message>
    <message>
      <source>&amp;Protection des données (RGPD)…</source>
      <translation>Data &amp;protection (GDPR)…</translation>
    </message>
    <message>
      <source>&amp;Contrôler l'intégrité de la base</source>
      <translation>&amp;Check the database integrity</translation>
    </message>
    <message>
      <source>mlplanner est déjà ouvert</source>
      <translation>mlplanner is already open</translation>
    </message>
    <message>
      <source>L'application s'ouvre quand même ; évitez de saisir avant la restauration.</source>
      <translation>The application opens anyway; avoid entering data before the restore.</translation>
    </message>
    <message>
      <source>Base de données endommagée</source>
      <translation>Damaged database</translation>
    </message>
    <message>
      <source>La base de données est intacte.</source>
      <translation>The database is intact.</translation>
    </message>
    <message>
      <source>Contrôle d'intégrité</source>
      <translation>Integrity check</translation>
    </message>
    <message>
      <source>Problèmes trouvés : {problems}
Un responsable de site peut restaurer une sauvegarde (Fichier → Sauvegardes et restauration).</source>
      <translation>Problems found: {problems}
A site lead can restore a backup (File → Backups and restore).</translation>
    </message>
    <message>
      <source>Choisir une sauvegarde</source>
      <translation>Choose a backup</translation>
    </message>
    <message>
      <source>Sauvegardes mlplanner (*.sqlite3)</source>
      <translation>mlplanner backups (*.sqlite3)</translation>
    </message>
    <message>
      <source>Choisir le dossier de destination</source>
      <translation>Choose the destination folder</translation>
    </message>
    <message>
      <source>Jeune : nom, téléphone, n° i-milo…</source>
      <translation>Young person: name, phone, i-milo number…</translation>
    </message>
    <message>
      <source>Tous les jeunes</source>
      <translation>All young people</translation>
    </message>
    <message>
      <source>Effacer le jeune choisi</source>
      <translation>Clear the chosen young person</translation>
    </message>
    <message>
      <source>Dossier jeune</source>
      <translation>Young person's file</translation>
    </message>
    <message>
      <source>Portefeuille</source>
      <translation>Portfolio</translation>
    </message>
    <message>
      <source>Appels de rappel</source>
      <translation>Reminder calls</translation>
    </message>
    <message>
      <source>Paramètres</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>&amp;Rechercher un jeune…</source>
      <translation>&amp;Find a young person…</translation>
    </message>
    <message>
      <source>Exporter l'&amp;agenda (.ics)…</source>
      <translation>Export the c&amp;alendar (.ics)…</translation>
    </message>
    <message>
      <source>Exporter l'agenda</source>
      <translation>Export the calendar</translation>
    </message>
    <message>
      <source>Calendrier iCalendar (*.ics)</source>
      <translation>iCalendar files (*.ics)</translation>
    </message>
    <message>
      <source>À relancer</source>
      <translation>Follow up</translation>
    </message>
    <message>
      <source>RDV prévu</source>
      <translation>Appointment booked</translation>
    </message>
    <message>
      <source>Programme</source>
      <translation>Programme</translation>
    </message>
    <message>
      <source>Fin de programme</source>
      <translation>Programme end</translation>
    </message>
    <message>
      <source>Dernier contact</source>
      <translation>Last contact</translation>
    </message>
    <message>
      <source>Prochain RDV</source>
      <translation>Next appointment</translation>
    </message>
    <message>
      <source>Suivi</source>
      <translation>Follow-up</translation>
    </message>
    <message>
      <source>Seulement les jeunes à relancer</source>
      <translation>Only young people to follow up</translation>
    </message>
    <message>
      <source>Filtrer par nom ou téléphone</source>
      <translation>Filter by name or phone</translation>
    </message>
    <message>
      <source>Filtrer le portefeuille</source>
      <translation>Filter the portfolio</translation>
    </message>
    <message>
      <source>Exporter l'agenda (.ics)…</source>
      <translation>Export the calendar (.ics)…</translation>
    </message>
    <message>
      <source>Jeunes suivis</source>
      <translation>Young people followed</translation>
    </message>
    <message>
      <source>Conseiller :</source>
      <translation>Counsellor:</translation>
    </message>
    <message>
      <source>Les rendez-vous du conseiller, de la semaine passée à dans trois mois, pour son agenda personnel (prénom et initiale du jeune seulement).</source>
      <translation>The counsellor's appointments, from last week to three months ahead, for their personal calendar (the young person's first name and initial only).</translation>
    </message>
    <message>
      <source>Aucun conseiller sur ce site.</source>
      <translation>No counsellor on this site.</translation>
    </message>
    <message>
      <source>jamais</source>
      <translation>never</translation>
    </message>
    <message>
      <source>&lt;b&gt;{count}&lt;/b&gt; jeunes suivis · &lt;b&gt;{flagged}&lt;/b&gt; à relancer (aucun contact depuis {weeks} semaines et aucun rendez-vous prévu) · &lt;b&gt;{ending}&lt;/b&gt; fin(s) de programme dans les 30 jours</source>
      <translation>&lt;b&gt;{count}&lt;/b&gt; young people followed · &lt;b&gt;{flagged}&lt;/b&gt; to follow up (no contact for {weeks} weeks and no appointment booked) · &lt;b&gt;{ending}&lt;/b&gt; programme end(s) within 30 days</translation>
    </message>
    <message>
      <source>Agenda exporté : {path}</source>
      <translation>Calendar exported: {path}</translation>
    </message>
    <message>
      <source>Aucun contact depuis le délai choisi et aucun rendez-vous prévu</source>
      <translation>No contact within the chosen period and no appointment booked</translation>
    </message>
    <message>
      <source>Pas de contact récent, mais un rendez-vous est prévu</source>
      <translation>No recent contact, but an appointment is booked</translation>
    </message>
    <message>
      <source>Impossible d'écrire le fichier « {path} » : {why}.</source>
      <translation>Could not write the file “{path}”: {why}.</translation>
    </message>
    <message>
      <source>Enregistrer en PDF</source>
      <translation>Save as PDF</translation>
    </message>
    <message>
      <source>Documents PDF (*.pdf)</source>
      <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
      <source>Imprimer</source>
      <translation>Print</translation>
    </message>
    <message>
      <source>Préparation du document…</source>
      <translation>Preparing the document…</translation>
    </message>
    <message>
      <source>L'imprimante n'est pas disponible.</source>
      <translation>The printer is not available.</translation>
    </message>
    <message>
      <source>&amp;Imprimer…</source>
      <translation>&amp;Print…</translation>
    </message>
    <message>
      <source>&amp;Enregistrer en PDF…</source>
      <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
      <source>Réduire (Ctrl+−)</source>
      <translation>Zoom out (Ctrl+−)</translation>
    </message>
    <message>
      <source>Réduire</source>
      <translation>Zoom out</translation>
    </message>
    <message>
      <source>Agrandir (Ctrl++)</source>
      <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
      <source>Agrandir</source>
      <translation>Zoom in</translation>
    </message>
    <message>
      <source>Aperçu avant impression</source>
      <translation>Print preview</translation>
    </message>
    <message>
      <source>Mise à l'échelle de l'aperçu</source>
      <translation>Rescaling the preview</translation>
    </message>
    <message>
      <source>Impression</source>
      <translation>Printing</translation>
    </message>
    <message>
      <source>{n} pages</source>
      <translation>{n} pages</translation>
    </message>
    <message>
      <source>{n} page</source>
      <translation>{n} page</translation>
    </message>
    <message>
      <source>Enregistré : {path}</source>
      <translation>Saved: {path}</translation>
    </message>
    <message>
      <source>Page {page} sur {pages}</source>
      <translation>Page {page} of {pages}</translation>
    </message>
    <message>
      <source>{title} : {pages} page(s) envoyée(s) à l'imprimante.</source>
      <translation>{title}: {pages} page(s) sent to the printer.</translation>
    </message>
    <message>
      <source>Impossible d'enregistrer « {path} » : {why}.</source>
      <translation>Could not save “{path}”: {why}.</translation>
    </message>
    <message>
      <source>planning du jour</source>
      <translation>day schedule</translation>
    </message>
    <message>
      <source>rendez-vous du jour</source>
      <translation>day's appointments</translation>
    </message>
    <message>
      <source>semaine</source>
      <translation>week</translation>
    </message>
    <message>
      <source>feuille d'émargement</source>
      <translation>sign-in sheet</translation>
    </message>
    <message>
      <source>confirmation de rendez-vous</source>
      <translation>appointment confirmation</translation>
    </message>
    <message>
      <source>appels de rappel</source>
      <translation>reminder calls</translation>
    </message>
    <message>
      <source>Imprimer le planning du jour…</source>
      <translation>Print the day schedule…</translation>
    </message>
    <message>
      <source>Imprimer ma journée…</source>
      <translation>Print my day…</translation>
    </message>
    <message>
      <source>Imprimer ma semaine…</source>
      <translation>Print my week…</translation>
    </message>
    <message>
      <source>Imprimer la liste d'appels…</source>
      <translation>Print the call list…</translation>
    </message>
    <message>
      <source>Document à imprimer inconnu : « {kind} ».</source>
      <translation>Unknown document to print: “{kind}”.</translation>
    </message>
    <message>
      <source>Aperçu — {document}</source>
      <translation>Preview — {document}</translation>
    </message>
    <message>
      <source>anonymiser</source>
      <translation>anonymise</translation>
    </message>
    <message>
      <source>réduire (preuve financeur)</source>
      <translation>reduce (funder evidence)</translation>
    </message>
    <message>
      <source>Dernière activité</source>
      <translation>Last activity</translation>
    </message>
    <message>
      <source>Traitement</source>
      <translation>Processing</translation>
    </message>
    <message>
      <source>Protection des données (RGPD)</source>
      <translation>Data protection (GDPR)</translation>
    </message>
    <message>
      <source>mois</source>
      <translation>months</translation>
    </message>
    <message>
      <source>ans</source>
      <translation>years</translation>
    </message>
    <message>
      <source>Enregistrer les durées</source>
      <translation>Save the periods</translation>
    </message>
    <message>
      <source>Durées de conservation</source>
      <translation>Retention periods</translation>
    </message>
    <message>
      <source>Anonymiser un jeune sans activité depuis</source>
      <translation>Anonymise a young person with no activity for</translation>
    </message>
    <message>
      <source>Garder les listes d'émargement (financeurs)</source>
      <translation>Keep sign-in sheets (funders)</translation>
    </message>
    <message>
      <source>Jeunes concernés</source>
      <translation>Young people concerned</translation>
    </message>
    <message>
      <source>Lancez une simulation pour voir les jeunes concernés ; rien n'est modifié.</source>
      <translation>Run a simulation to see the young people concerned; nothing is changed.</translation>
    </message>
    <message>
      <source>Simuler</source>
      <translation>Simulate</translation>
    </message>
    <message>
      <source>Appliquer</source>
      <translation>Apply</translation>
    </message>
    <message>
      <source>Jeunes sans activité</source>
      <translation>Young people with no activity</translation>
    </message>
    <message>
      <source>Exporter ses données (PDF et CSV)…</source>
      <translation>Export their data (PDF and CSV)…</translation>
    </message>
    <message>
      <source>Effacer ses données…</source>
      <translation>Erase their data…</translation>
    </message>
    <message>
      <source>Demande d'une personne (droit d'accès, effacement)</source>
      <translation>A person's request (right of access, erasure)</translation>
    </message>
    <message>
      <source>Ces outils sont réservés aux responsables de site.</source>
      <translation>These tools are reserved for site leads.</translation>
    </message>
    <message>
      <source>Référence de la demande, sans nom (ex. « courrier du 12/03/2027 ») :</source>
      <translation>Reference of the request, without a name (e.g. “letter of 12/03/2027”):</translation>
    </message>
    <message>
      <source>Durées de conservation enregistrées.</source>
      <translation>Retention periods saved.</translation>
    </message>
    <message>
      <source>Anonymiser ou réduire les données de {n} jeune(s) ? Les noms, coordonnées et notes disparaissent sur tous les sites ; les statistiques restent. Cette opération ne se défait qu'en restaurant une sauvegarde.</source>
      <translation>Anonymise or reduce the data of {n} young people? Names, contact details and notes disappear on every site; statistics remain. This can only be undone by restoring a backup.</translation>
    </message>
    <message>
      <source>Traitement terminé.</source>
      <translation>Processing finished.</translation>
    </message>
    <message>
      <source>Effacer les données</source>
      <translation>Erase the data</translation>
    </message>
    <message>
      <source>Effacer définitivement les données de {name} sur tous les sites ? Ses rendez-vous à venir sont annulés ; l'historique anonyme reste dans les statistiques.</source>
      <translation>Permanently erase {name}'s data on every site? Their upcoming appointments are cancelled; the anonymous history stays in the statistics.</translation>
    </message>
    <message>
      <source>Appliquer ({n})</source>
      <translation>Apply ({n})</translation>
    </message>
    <message>
      <source>Protection des données</source>
      <translation>Data protection</translation>
    </message>
    <message>
      <source>Droit d'accès</source>
      <translation>Right of access</translation>
    </message>
    <message>
      <source>Dernière activité avant le {date} : {anonymise} à anonymiser, {reduce} à réduire (listes d'émargement de moins de {years} ans).</source>
      <translation>Last activity before {date}: {anonymise} to anonymise, {reduce} to reduce (sign-in sheets less than {years} years old).</translation>
    </message>
    <message>
      <source>Aucun jeune dont la dernière activité précède le {date}.</source>
      <translation>No young person whose last activity is before {date}.</translation>
    </message>
    <message>
      <source>{n} jeune(s) traité(s).</source>
      <translation>{n} young people processed.</translation>
    </message>
    <message>
      <source>Export écrit :
{pdf}
{csv}

Ces fichiers sont nominatifs : remettez-les à la personne puis supprimez-les de ce poste.</source>
      <translation>Export written:
{pdf}
{csv}

These files hold personal data: hand them to the person, then delete them from this workstation.</translation>
    </message>
    <message>
      <source>Données effacées ; {n} rendez-vous à venir annulé(s). L'effacement sera transmis aux autres sites à la prochaine synchronisation.</source>
      <translation>Data erased; {n} upcoming appointment(s) cancelled. The erasure will reach the other sites at the next sync.</translation>
    </message>
    <message>
      <source>, anonymisation le {date}</source>
      <translation>, anonymised on {date}</translation>
    </message>
    <message>
      <source>Votre rôle ne permet pas de modifier ce réglage.</source>
      <translation>Your role does not allow changing this setting.</translation>
    </message>
    <message>
      <source>Nouvel élément</source>
      <translation>New item</translation>
    </message>
    <message>
      <source>Enregistrer</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>Réglage enregistré.</source>
      <translation>Setting saved.</translation>
    </message>
    <message>
      <source>Horaires</source>
      <translation>Hours</translation>
    </message>
    <message>
      <source>fermé</source>
      <translation>closed</translation>
    </message>
    <message>
      <source>Par exemple : 09:00-12:30, 13:30-17:30 (vide : {empty})</source>
      <translation>For example: 09:00-12:30, 13:30-17:30 (empty: {empty})</translation>
    </message>
    <message>
      <source>{what} du {day}</source>
      <translation>{what} on {day}</translation>
    </message>
    <message>
      <source>Site et horaires</source>
      <translation>Site and hours</translation>
    </message>
    <message>
      <source>Salles</source>
      <translation>Rooms</translation>
    </message>
    <message>
      <source>Personnel</source>
      <translation>Staff</translation>
    </message>
    <message>
      <source>Types de rendez-vous</source>
      <translation>Appointment types</translation>
    </message>
    <message>
      <source>Vous pouvez modifier la configuration du site. Les comptes du personnel (noms, rôles, codes) sont gérés par l'administrateur.</source>
      <translation>You can change the site's configuration. Staff accounts (names, roles, codes) are managed by the administrator.</translation>
    </message>
    <message>
      <source>Consultation seulement : la configuration du site est modifiée par le responsable de site. Vous pouvez toutefois déclarer vos propres absences dans l'onglet « Personnel ».</source>
      <translation>Read only: the site's configuration is changed by the site lead. You can still record your own absences in the “Staff” tab.</translation>
    </message>
    <message>
      <source>Nouvelle salle</source>
      <translation>New room</translation>
    </message>
    <message>
      <source>non</source>
      <translation>no</translation>
    </message>
    <message>
      <source> personne(s)</source>
      <translation> people</translation>
    </message>
    <message>
      <source>Accessible en fauteuil roulant</source>
      <translation>Wheelchair accessible</translation>
    </message>
    <message>
      <source>En service</source>
      <translation>In use</translation>
    </message>
    <message>
      <source>Capacité</source>
      <translation>Capacity</translation>
    </message>
    <message>
      <source>Salle</source>
      <translation>Room</translation>
    </message>
    <message>
      <source>Places</source>
      <translation>Seats</translation>
    </message>
    <message>
      <source>Accessible</source>
      <translation>Accessible</translation>
    </message>
    <message>
      <source>Salle « {name} »</source>
      <translation>Room “{name}”</translation>
    </message>
    <message>
      <source>Le site</source>
      <translation>The site</translation>
    </message>
    <message>
      <source>Horaires d'ouverture (vide = fermé)</source>
      <translation>Opening hours (empty = closed)</translation>
    </message>
    <message>
      <source>Enregistrer le site et les horaires</source>
      <translation>Save the site and hours</translation>
    </message>
    <message>
      <source>Fermetures exceptionnelles</source>
      <translation>Exceptional closures</translation>
    </message>
    <message>
      <source>Fermetures</source>
      <translation>Closures</translation>
    </message>
    <message>
      <source>Ajouter la fermeture</source>
      <translation>Add the closure</translation>
    </message>
    <message>
      <source>Supprimer la fermeture choisie</source>
      <translation>Delete the chosen closure</translation>
    </message>
    <message>
      <source>Motif</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Suivi des jeunes</source>
      <translation>Following up young people</translation>
    </message>
    <message>
      <source> semaines</source>
      <translation> weeks</translation>
    </message>
    <message>
      <source>Relancer un jeune sans contact depuis</source>
      <translation>Follow up a young person with no contact for</translation>
    </message>
    <message>
      <source>Adresse</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>Horaires d'ouverture</source>
      <translation>Opening hours</translation>
    </message>
    <message>
      <source>jj/mm/aaaa</source>
      <translation>dd/mm/yyyy</translation>
    </message>
    <message>
      <source>jj/mm/aaaa (vide : un seul jour)</source>
      <translation>dd/mm/yyyy (empty: a single day)</translation>
    </message>
    <message>
      <source>pont, inventaire, formation d'équipe…</source>
      <translation>bridge day, stocktaking, team training…</translation>
    </message>
    <message>
      <source>Choisissez d'abord une fermeture dans la liste.</source>
      <translation>First choose a closure in the list.</translation>
    </message>
    <message>
      <source>Site enregistré.</source>
      <translation>Site saved.</translation>
    </message>
    <message>
      <source>Fermeture supprimée.</source>
      <translation>Closure deleted.</translation>
    </message>
    <message>
      <source>Fermeture : {what}</source>
      <translation>Closure: {what}</translation>
    </message>
    <message>
      <source>Nouveau membre du personnel</source>
      <translation>New staff member</translation>
    </message>
    <message>
      <source>aucun horaire</source>
      <translation>no hours</translation>
    </message>
    <message>
      <source>Indiquez le début et la fin de l'absence.</source>
      <translation>Enter the start and end of the absence.</translation>
    </message>
    <message>
      <source>{days} · {total}/sem.</source>
      <translation>{days} · {total}/wk</translation>
    </message>
    <message>
      <source>du {start} au {end}</source>
      <translation>from {start} to {end}</translation>
    </message>
    <message>
      <source>En activité sur le site</source>
      <translation>Active on the site</translation>
    </message>
    <message>
      <source>laisser vide pour ne pas changer</source>
      <translation>leave empty to keep unchanged</translation>
    </message>
    <message>
      <source>Horaires de travail</source>
      <translation>Working hours</translation>
    </message>
    <message>
      <source>Absences (congés, formation, réunion extérieure…)</source>
      <translation>Absences (leave, training, outside meeting…)</translation>
    </message>
    <message>
      <source>Absences</source>
      <translation>Absences</translation>
    </message>
    <message>
      <source>Ajouter l'absence</source>
      <translation>Add the absence</translation>
    </message>
    <message>
      <source>Supprimer</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>(aucun)</source>
      <translation>(none)</translation>
    </message>
    <message>
      <source>Réservé à l'administrateur (comptes du personnel).</source>
      <translation>Reserved for the administrator (staff accounts).</translation>
    </message>
    <message>
      <source>Réservé à l'administrateur, ou à la personne elle-même.</source>
      <translation>Reserved for the administrator, or the person themselves.</translation>
    </message>
    <message>
      <source>Réservé au responsable de site, ou à la personne elle-même.</source>
      <translation>Reserved for the site lead, or the person themselves.</translation>
    </message>
    <message>
      <source>Prénom</source>
      <translation>First name</translation>
    </message>
    <message>
      <source>Rôle</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>Bureau habituel</source>
      <translation>Usual office</translation>
    </message>
    <message>
      <source>Code de connexion</source>
      <translation>Login code</translation>
    </message>
    <message>
      <source>ne travaille pas</source>
      <translation>does not work</translation>
    </message>
    <message>
      <source>Début de l'absence</source>
      <translation>Start of the absence</translation>
    </message>
    <message>
      <source>jj/mm/aaaa [hh:mm]</source>
      <translation>dd/mm/yyyy [hh:mm]</translation>
    </message>
    <message>
      <source>Fin de l'absence</source>
      <translation>End of the absence</translation>
    </message>
    <message>
      <source>Motif de l'absence</source>
      <translation>Reason for the absence</translation>
    </message>
    <message>
      <source>congé, formation…</source>
      <translation>leave, training…</translation>
    </message>
    <message>
      <source>Choisissez d'abord une absence dans la liste.</source>
      <translation>First choose an absence in the list.</translation>
    </message>
    <message>
      <source>Absence supprimée.</source>
      <translation>Absence deleted.</translation>
    </message>
    <message>
      <source>Actif</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>En activité</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>Nouveau type</source>
      <translation>New type</translation>
    </message>
    <message>
      <source>SUIVI, ACC…</source>
      <translation>SUIVI, ACC…</translation>
    </message>
    <message>
      <source> min</source>
      <translation> min</translation>
    </message>
    <message>
      <source>Temps réservé après le rendez-vous (notes, rangement du bureau)</source>
      <translation>Time kept free after the appointment (notes, tidying the office)</translation>
    </message>
    <message>
      <source>#4A90D9</source>
      <translation>#4A90D9</translation>
    </message>
    <message>
      <source>Demande un bureau</source>
      <translation>Needs an office</translation>
    </message>
    <message>
      <source>Proposé à la prise de rendez-vous</source>
      <translation>Offered when booking</translation>
    </message>
    <message>
      <source>Couleur</source>
      <translation>Colour</translation>
    </message>
    <message>
      <source>Nouveau type de rendez-vous</source>
      <translation>New appointment type</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Libellé</source>
      <translation>Label</translation>
    </message>
    <message>
      <source>Durée</source>
      <translation>Duration</translation>
    </message>
    <message>
      <source>Battement</source>
      <translation>Buffer</translation>
    </message>
    <message>
      <source>Mode</source>
      <translation>Mode</translation>
    </message>
    <message>
      <source>Type « {name} »</source>
      <translation>Type “{name}”</translation>
    </message>
    <message>
      <source>Base de données</source>
      <translation>Database</translation>
    </message>
    <message>
      <source>Préparation des pages…</source>
      <translation>Preparing the pages…</translation>
    </message>
    <message>
      <source>Impossible d'ouvrir {path} : {reason}</source>
      <translation>Cannot open {path}: {reason}</translation>
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
      <source>Fichier de la base</source>
      <translation>Database file</translation>
    </message>
    <message>
      <source>Personne connectée</source>
      <translation>Logged-in person</translation>
    </message>
    <message>
      <source>État de la synchronisation</source>
      <translation>Sync status</translation>
    </message>
    <message>
      <source>Mise à jour automatique</source>
      <translation>Automatic update</translation>
    </message>
    <message>
      <source>base en mémoire</source>
      <translation>in-memory database</translation>
    </message>
    <message>
      <source>Site inconnu</source>
      <translation>Unknown site</translation>
    </message>
    <message>
      <source>Synchronisation : {state}</source>
      <translation>Sync: {state}</translation>
    </message>
    <message>
      <source>Base : {file}</source>
      <translation>Database: {file}</translation>
    </message>
    <message>
      <source>Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)</source>
      <translation>CSV files (*.csv *.txt);;All files (*)</translation>
    </message>
    <message>
      <source>Phrase secrète du réseau</source>
      <translation>Network passphrase</translation>
    </message>
    <message>
      <source>Les échanges entre sites sont chiffrés.
Phrase secrète du réseau (gardée en mémoire jusqu'à la fermeture de mlplanner, jamais enregistrée) :</source>
      <translation>Exchanges between sites are encrypted.
Network passphrase (kept in memory until mlplanner closes, never saved):</translation>
    </message>
    <message>
      <source>dossier introuvable</source>
      <translation>folder not found</translation>
    </message>
    <message>
      <source>dossier en lecture seule</source>
      <translation>read-only folder</translation>
    </message>
    <message>
      <source>dossier plein</source>
      <translation>folder full</translation>
    </message>
    <message>
      <source>déjà en cours ailleurs</source>
      <translation>already running elsewhere</translation>
    </message>
    <message>
      <source>non autorisée</source>
      <translation>not allowed</translation>
    </message>
    <message>
      <source>Synchronisation interrompue à la fermeture : rien n'est perdu, elle reprendra à la prochaine synchronisation.</source>
      <translation>Sync interrupted at closing: nothing is lost, it will resume at the next sync.</translation>
    </message>
    <message>
      <source>La synchronisation s'est arrêtée sur une erreur inattendue (détails dans le journal).</source>
      <translation>The sync stopped on an unexpected error (details in the log).</translation>
    </message>
    <message>
      <source>Une synchronisation est déjà en cours.</source>
      <translation>A sync is already running.</translation>
    </message>
    <message>
      <source>Vous n'avez pas le droit de lancer une synchronisation.</source>
      <translation>You are not allowed to start a sync.</translation>
    </message>
    <message>
      <source>Phrase secrète non saisie : synchronisation automatique suspendue jusqu'à « Synchroniser maintenant ».</source>
      <translation>Passphrase not entered: automatic sync paused until “Sync now”.</translation>
    </message>
    <message>
      <source>Synchronisation</source>
      <translation>Sync</translation>
    </message>
    <message>
      <source>en cours…</source>
      <translation>running…</translation>
    </message>
    <message>
      <source>Synchronisation avec les autres sites en cours.</source>
      <translation>Sync with the other sites in progress.</translation>
    </message>
    <message>
      <source>non configurée</source>
      <translation>not set up</translation>
    </message>
    <message>
      <source>Aucun dossier de synchronisation n'est choisi.</source>
      <translation>No sync folder is chosen.</translation>
    </message>
    <message>
      <source>automatique désactivée</source>
      <translation>automatic sync off</translation>
    </message>
    <message>
      <source>prochaine à {time}</source>
      <translation>next at {time}</translation>
    </message>
    <message>
      <source>interrompue à {time}</source>
      <translation>interrupted at {time}</translation>
    </message>
    <message>
      <source>Le dossier de synchronisation « {folder} » est inaccessible ({why}). Les données locales n'ont pas été modifiées.</source>
      <translation>The sync folder “{folder}” cannot be reached ({why}). Local data was not changed.</translation>
    </message>
    <message>
      <source>échec à {time}</source>
      <translation>failed at {time}</translation>
    </message>
    <message>
      <source>réussie à {time}</source>
      <translation>succeeded at {time}</translation>
    </message>
    <message>
      <source>incomplète à {time}</source>
      <translation>incomplete at {time}</translation>
    </message>
    <message>
      <source>aucun</source>
      <translation>none</translation>
    </message>
    <message>
      <source>Détecté le</source>
      <translation>Detected on</translation>
    </message>
    <message>
      <source>Donnée</source>
      <translation>Data</translation>
    </message>
    <message>
      <source>Fiche</source>
      <translation>Record</translation>
    </message>
    <message>
      <source>Version gardée</source>
      <translation>Version kept</translation>
    </message>
    <message>
      <source>Version remplacée</source>
      <translation>Version replaced</translation>
    </message>
    <message>
      <source>Ressource</source>
      <translation>Resource</translation>
    </message>
    <message>
      <source>Qui / quoi</source>
      <translation>Who / what</translation>
    </message>
    <message>
      <source>Premier rendez-vous</source>
      <translation>First appointment</translation>
    </message>
    <message>
      <source>Second rendez-vous</source>
      <translation>Second appointment</translation>
    </message>
    <message>
      <source>Code du site</source>
      <translation>Site code</translation>
    </message>
    <message>
      <source>Version gardée : celle du site {site} ({when}).</source>
      <translation>Version kept: site {site}'s ({when}).</translation>
    </message>
    <message>
      <source>Version remplacée : celle du site {site} ({when}) :</source>
      <translation>Version replaced: site {site}'s ({when}):</translation>
    </message>
    <message>
      <source>(cette version était une suppression)</source>
      <translation>(this version was a deletion)</translation>
    </message>
    <message>
      <source>examiné</source>
      <translation>reviewed</translation>
    </message>
    <message>
      <source>à examiner</source>
      <translation>to review</translation>
    </message>
    <message>
      <source>ce site</source>
      <translation>this site</translation>
    </message>
    <message>
      <source>Réservé au responsable de site.</source>
      <translation>Reserved for the site lead.</translation>
    </message>
    <message>
      <source>Conflits à examiner</source>
      <translation>Conflicts to review</translation>
    </message>
    <message>
      <source>Doubles réservations</source>
      <translation>Double bookings</translation>
    </message>
    <message>
      <source>Synchronisation avec les autres sites</source>
      <translation>Sync with the other sites</translation>
    </message>
    <message>
      <source>Synchroniser maintenant (F9)</source>
      <translation>Sync now (F9)</translation>
    </message>
    <message>
      <source>Résultat de la dernière synchronisation</source>
      <translation>Result of the last sync</translation>
    </message>
    <message>
      <source>Les conflits, les doubles réservations et les réglages sont réservés au responsable de site.</source>
      <translation>Conflicts, double bookings and settings are reserved for the site lead.</translation>
    </message>
    <message>
      <source>Réglages</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>Sites du réseau</source>
      <translation>Network sites</translation>
    </message>
    <message>
      <source>Afficher aussi les conflits déjà examinés</source>
      <translation>Also show conflicts already reviewed</translation>
    </message>
    <message>
      <source>Marquer comme examiné</source>
      <translation>Mark as reviewed</translation>
    </message>
    <message>
      <source>Choisissez un conflit pour voir la version remplacée.</source>
      <translation>Choose a conflict to see the version replaced.</translation>
    </message>
    <message>
      <source>Quand deux sites ont modifié la même fiche, la modification la plus récente est gardée ; l'autre version est conservée ici. Vérifiez-la, corrigez la fiche si besoin, puis marquez le conflit comme examiné.</source>
      <translation>When two sites changed the same record, the most recent change is kept; the other version is kept here. Check it, correct the record if needed, then mark the conflict as reviewed.</translation>
    </message>
    <message>
      <source>Ouvrir le jour dans le planning</source>
      <translation>Open the day in the schedule</translation>
    </message>
    <message>
      <source>Rendez-vous pris hors ligne par deux sites pour le même conseiller, la même salle ou le même jeune, à la même heure (à partir d'aujourd'hui). Aucun n'a été supprimé : déplacez ou annulez l'un des deux depuis le planning.</source>
      <translation>Appointments booked offline by two sites for the same counsellor, room or young person at the same time (from today). Neither was deleted: move or cancel one of them from the schedule.</translation>
    </message>
    <message>
      <source>dossier partagé : réseau, clé USB ou dossier synchronisé</source>
      <translation>shared folder: network, USB stick or synced folder</translation>
    </message>
    <message>
      <source>Dossier de synchronisation</source>
      <translation>Sync folder</translation>
    </message>
    <message>
      <source>à la demande seulement</source>
      <translation>on demand only</translation>
    </message>
    <message>
      <source>Période de synchronisation en minutes</source>
      <translation>Sync period in minutes</translation>
    </message>
    <message>
      <source>Chiffrer les échanges avec la phrase secrète du réseau</source>
      <translation>Encrypt exchanges with the network passphrase</translation>
    </message>
    <message>
      <source>Oublier la phrase secrète de cette session</source>
      <translation>Forget this session's passphrase</translation>
    </message>
    <message>
      <source>Enregistrer les réglages</source>
      <translation>Save the settings</translation>
    </message>
    <message>
      <source>Dossier partagé :</source>
      <translation>Shared folder:</translation>
    </message>
    <message>
      <source>Synchroniser toutes les :</source>
      <translation>Sync every:</translation>
    </message>
    <message>
      <source>code du site, par ex. PARIS18</source>
      <translation>site code, e.g. PARIS18</translation>
    </message>
    <message>
      <source>Retirer le site choisi</source>
      <translation>Remove the chosen site</translation>
    </message>
    <message>
      <source>Aucune synchronisation n'a encore eu lieu sur ce poste.</source>
      <translation>No sync has taken place on this workstation yet.</translation>
    </message>
    <message>
      <source>Phrase secrète oubliée : elle sera redemandée.</source>
      <translation>Passphrase forgotten: it will be asked for again.</translation>
    </message>
    <message>
      <source>Ces rendez-vous ne sont pas dans les colonnes de ce site : voyez-les dans le planning du site concerné.</source>
      <translation>These appointments are not in this site's columns: see them in the other site's schedule.</translation>
    </message>
    <message>
      <source>Réglages de synchronisation enregistrés.</source>
      <translation>Sync settings saved.</translation>
    </message>
    <message>
      <source>La phrase secrète n'est jamais enregistrée : elle est demandée une fois par session, ou lue dans la variable d'environnement {variable} si le poste en a une. Tous les sites du réseau doivent utiliser la même.</source>
      <translation>The passphrase is never saved: it is asked for once per session, or read from the environment variable {variable} if the workstation has one. Every site of the network must use the same one.</translation>
    </message>
    <message>
      <source>&lt;b&gt;État :&lt;/b&gt; {state}</source>
      <translation>&lt;b&gt;Status:&lt;/b&gt; {state}</translation>
    </message>
    <message>
      <source>Attention : le dossier « {folder} » est introuvable pour l'instant (clé USB ou partage réseau débranché ?). Les synchronisations échoueront tant qu'il manquera.</source>
      <translation>Warning: the folder “{folder}” cannot be found for now (USB stick or network share unplugged?). Syncs will fail while it is missing.</translation>
    </message>
    <message>
      <source>&amp;Synchroniser maintenant</source>
      <translation>&amp;Sync now</translation>
    </message>
    <message>
      <source>État de la s&amp;ynchronisation…</source>
      <translation>S&amp;ync status…</translation>
    </message>
    <message>
      <source>&amp;Importer des jeunes…</source>
      <translation>&amp;Import young people…</translation>
    </message>
    <message>
      <source>&amp;Exporter pour Excel…</source>
      <translation>&amp;Export for Excel…</translation>
    </message>
    <message>
      <source>&lt;b&gt;Jeune sans rendez-vous&lt;/b&gt; — il/elle rejoint la file avec le conseiller de permanence</source>
      <translation>&lt;b&gt;Walk-in&lt;/b&gt; — they join the queue for the counsellor on duty</translation>
    </message>
    <message>
      <source>tout de suite</source>
      <translation>right away</translation>
    </message>
    <message>
      <source>Type :</source>
      <translation>Type:</translation>
    </message>
    <message>
      <source>Statistiques</source>
      <translation>Statistics</translation>
    </message>
    <message>
      <source>&amp;Nouvel atelier…</source>
      <translation>&amp;New workshop…</translation>
    </message>
    <message>
      <source>{title} — atelier, {n}/{cap} inscrits</source>
      <translation>{title} — workshop, {n}/{cap} registered</translation>
    </message>
    <message>
      <source>Seul(e) un(e) responsable de site peut créer un atelier.</source>
      <translation>Only a site lead can create a workshop.</translation>
    </message>
    <message>
      <source>Précédent</source>
      <translation>Previous</translation>
    </message>
    <message>
      <source>Suivant</source>
      <translation>Next</translation>
    </message>
    <message>
      <source>Période précédente</source>
      <translation>Previous period</translation>
    </message>
    <message>
      <source>Période suivante</source>
      <translation>Next period</translation>
    </message>
    <message>
      <source>Aujourd'hui</source>
      <translation>Today</translation>
    </message>
    <message>
      <source>Mois</source>
      <translation>Month</translation>
    </message>
    <message>
      <source>Calendrier des ateliers</source>
      <translation>Workshop calendar</translation>
    </message>
    <message>
      <source>sans animateur</source>
      <translation>no facilitator</translation>
    </message>
    <message>
      <source>{who}
{n}/{cap} inscrits, {w} en attente · {state}</source>
      <translation>{who}
{n}/{cap} registered, {w} waiting · {state}</translation>
    </message>
    <message>
      <source>+ {n} autre(s)</source>
      <translation>+ {n} more</translation>
    </message>
    <message>
      <source> · {n} en attente</source>
      <translation> · {n} waiting</translation>
    </message>
    <message>
      <source>Cette séance</source>
      <translation>This session</translation>
    </message>
    <message>
      <source>Cette séance et les suivantes</source>
      <translation>This and following sessions</translation>
    </message>
    <message>
      <source>Toute la série (séances à venir)</source>
      <translation>The whole series (upcoming sessions)</translation>
    </message>
    <message>
      <source>Date de la séance</source>
      <translation>Date of the session</translation>
    </message>
    <message>
      <source>Heure de début</source>
      <translation>Start time</translation>
    </message>
    <message>
      <source>— aucune —</source>
      <translation>— none —</translation>
    </message>
    <message>
      <source>Ignorer les séances en conflit (les laisser telles quelles)</source>
      <translation>Skip clashing sessions (leave them as they are)</translation>
    </message>
    <message>
      <source>Appliquer à</source>
      <translation>Apply to</translation>
    </message>
    <message>
      <source>Début</source>
      <translation>Start</translation>
    </message>
    <message>
      <source>Animateur</source>
      <translation>Facilitator</translation>
    </message>
    <message>
      <source>Co-animateur</source>
      <translation>Co-facilitator</translation>
    </message>
    <message>
      <source>— aucun —</source>
      <translation>— none —</translation>
    </message>
    <message>
      <source>à</source>
      <translation>at</translation>
    </message>
    <message>
      <source>Modifier la séance — {title}</source>
      <translation>Edit session — {title}</translation>
    </message>
    <message>
      <source> Modifiée à part de la série.</source>
      <translation> Edited separately from the series.</translation>
    </message>
    <message>
      <source>{name} ({n} places)</source>
      <translation>{name} ({n} seats)</translation>
    </message>
    <message>
      <source>Séance du {date}, {n} inscrit(s), {w} en attente.</source>
      <translation>Session of {date}, {n} registered, {w} waiting.</translation>
    </message>
    <message>
      <source>Nouvel atelier…</source>
      <translation>New workshop…</translation>
    </message>
    <message>
      <source>Non modifiée — {reason}</source>
      <translation>Not changed — {reason}</translation>
    </message>
    <message>
      <source>À émarger ou clôturer : {n}</source>
      <translation>Attendance to record or close: {n}</translation>
    </message>
    <message>
      <source>Date écartée — {reason}</source>
      <translation>Date skipped — {reason}</translation>
    </message>
    <message>
      <source>{n} séance(s) créée(s).</source>
      <translation>{n} session(s) created.</translation>
    </message>
    <message>
      <source>({n} à saisir)</source>
      <translation>({n} to record)</translation>
    </message>
    <message>
      <source>Taux de remplissage</source>
      <translation>Fill rate</translation>
    </message>
    <message>
      <source>Avis</source>
      <translation>Notice</translation>
    </message>
    <message>
      <source>Inscrire un jeune : nom, téléphone ou n° i-milo…</source>
      <translation>Register a young person: name, phone or i-milo number…</translation>
    </message>
    <message>
      <source>Rechercher un jeune à inscrire</source>
      <translation>Search for a young person to register</translation>
    </message>
    <message>
      <source>Jeunes trouvés</source>
      <translation>Young people found</translation>
    </message>
    <message>
      <source>Orientation</source>
      <translation>Referral</translation>
    </message>
    <message>
      <source>toutes les séances à venir de la série</source>
      <translation>every upcoming session of the series</translation>
    </message>
    <message>
      <source>Inscrire</source>
      <translation>Register</translation>
    </message>
    <message>
      <source>Inscrits</source>
      <translation>Registered</translation>
    </message>
    <message>
      <source>Liste d'attente</source>
      <translation>Waiting list</translation>
    </message>
    <message>
      <source>Tous les autres présents</source>
      <translation>All others present</translation>
    </message>
    <message>
      <source>Marquer « présent(e) » tous les inscrits dont la présence n'est pas saisie</source>
      <translation>Mark as present everyone registered whose attendance is not recorded</translation>
    </message>
    <message>
      <source>Désinscrire…</source>
      <translation>Unregister…</translation>
    </message>
    <message>
      <source>Annuler l'inscription sélectionnée (inscrits ou liste d'attente)</source>
      <translation>Cancel the selected registration (registered or waiting list)</translation>
    </message>
    <message>
      <source>Modifier…</source>
      <translation>Edit…</translation>
    </message>
    <message>
      <source>Modifier cette séance, les suivantes ou toute la série</source>
      <translation>Edit this session, the following ones or the whole series</translation>
    </message>
    <message>
      <source>Annuler la séance…</source>
      <translation>Cancel the session…</translation>
    </message>
    <message>
      <source>Clôturer</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>Verrouiller la séance une fois l'émargement complet</source>
      <translation>Lock the session once attendance is complete</translation>
    </message>
    <message>
      <source>Rouvrir…</source>
      <translation>Reopen…</translation>
    </message>
    <message>
      <source>Feuille d'émargement</source>
      <translation>Sign-in sheet</translation>
    </message>
    <message>
      <source>Imprimer la feuille d'émargement de la séance</source>
      <translation>Print the session's sign-in sheet</translation>
    </message>
    <message>
      <source>Choisissez une séance dans le calendrier.</source>
      <translation>Choose a session in the calendar.</translation>
    </message>
    <message>
      <source>Inscription spontanée</source>
      <translation>Self-registration</translation>
    </message>
    <message>
      <source>Présence :</source>
      <translation>Attendance:</translation>
    </message>
    <message>
      <source>Séance</source>
      <translation>Session</translation>
    </message>
    <message>
      <source>&lt;b&gt;Inscrits&lt;/b&gt; ({n})</source>
      <translation>&lt;b&gt;Registered&lt;/b&gt; ({n})</translation>
    </message>
    <message>
      <source>&lt;b&gt;Liste d'attente&lt;/b&gt; ({n})</source>
      <translation>&lt;b&gt;Waiting list&lt;/b&gt; ({n})</translation>
    </message>
    <message>
      <source>Marquer les jeunes sélectionnés « {value} » (touche {key})</source>
      <translation>Mark the selected young people "{value}" (key {key})</translation>
    </message>
    <message>
      <source>motif : {reason}</source>
      <translation>reason: {reason}</translation>
    </message>
    <message>
      <source>{n} / {cap} places ({rate})</source>
      <translation>{n} / {cap} seats ({rate})</translation>
    </message>
    <message>
      <source>Prescrit par {name}</source>
      <translation>Prescribed by {name}</translation>
    </message>
    <message>
      <source>Motif de l'annulation de la séance :</source>
      <translation>Reason for cancelling the session:</translation>
    </message>
    <message>
      <source>Pourquoi rouvrir cette séance ?</source>
      <translation>Why reopen this session?</translation>
    </message>
    <message>
      <source>Sélectionnez d'abord un ou plusieurs inscrits.</source>
      <translation>First select one or more registered people.</translation>
    </message>
    <message>
      <source>Sélectionnez une inscription (inscrits ou liste d'attente).</source>
      <translation>Select a registration (registered or waiting list).</translation>
    </message>
    <message>
      <source>Annuler l'inscription</source>
      <translation>Cancel registration</translation>
    </message>
    <message>
      <source>Annuler la séance</source>
      <translation>Cancel the session</translation>
    </message>
    <message>
      <source>Rouvrir la séance</source>
      <translation>Reopen the session</translation>
    </message>
    <message>
      <source>Cette séance a déjà commencé : inscrire ce jeune a posteriori (back-office) ?</source>
      <translation>This session has already started: register this young person afterwards (back office)?</translation>
    </message>
    <message>
      <source>Une des séances choisies est complète : inscrire ce jeune en liste d'attente ?</source>
      <translation>One of the chosen sessions is full: put this young person on the waiting list?</translation>
    </message>
    <message>
      <source>La séance est complète : inscrire ce jeune en liste d'attente ?</source>
      <translation>The session is full: put this young person on the waiting list?</translation>
    </message>
    <message>
      <source>Séance complète</source>
      <translation>Session full</translation>
    </message>
    <message>
      <source>Présence</source>
      <translation>Attendance</translation>
    </message>
    <message>
      <source>Annulation</source>
      <translation>Cancellation</translation>
    </message>
    <message>
      <source>Annuler l'inscription de {name} : motif (facultatif)</source>
      <translation>Cancel {name}'s registration: reason (optional)</translation>
    </message>
    <message>
      <source>Séance clôturée : elle ne se modifie plus sans réouverture.</source>
      <translation>Session closed: it can no longer be changed unless reopened.</translation>
    </message>
    <message>
      <source> · né(e) le {date}</source>
      <translation> · born {date}</translation>
    </message>
    <message>
      <source>Inscription</source>
      <translation>Registration</translation>
    </message>
    <message>
      <source>Inscription de {name} annulée.</source>
      <translation>{name}'s registration cancelled.</translation>
    </message>
    <message>
      <source>Présent</source>
      <translation>Present</translation>
    </message>
    <message>
      <source>En retard</source>
      <translation>Late</translation>
    </message>
    <message>
      <source>Excusé</source>
      <translation>Excused</translation>
    </message>
    <message>
      <source>Absent</source>
      <translation>Absent</translation>
    </message>
    <message>
      <source>Inscription saisie a posteriori (back-office)</source>
      <translation>Registration entered afterwards (back office)</translation>
    </message>
    <message>
      <source>Inscrit le</source>
      <translation>Registered on</translation>
    </message>
    <message>
      <source>Rang</source>
      <translation>Rank</translation>
    </message>
    <message>
      <source>prescrit par {name}</source>
      <translation>prescribed by {name}</translation>
    </message>
    <message>
      <source>Une seule fois</source>
      <translation>Once</translation>
    </message>
    <message>
      <source>Chaque semaine</source>
      <translation>Every week</translation>
    </message>
    <message>
      <source>Toutes les deux semaines</source>
      <translation>Every other week</translation>
    </message>
    <message>
      <source>Chaque mois (même jour de la semaine)</source>
      <translation>Every month (same weekday)</translation>
    </message>
    <message>
      <source>Tous les jours ouvrés</source>
      <translation>Every working day</translation>
    </message>
    <message>
      <source>Règle personnalisée (RFC 5545)</source>
      <translation>Custom rule (RFC 5545)</translation>
    </message>
    <message>
      <source>au début de la séance</source>
      <translation>at the start of the session</translation>
    </message>
    <message>
      <source>1 heure avant</source>
      <translation>1 hour before</translation>
    </message>
    <message>
      <source>la veille à la même heure</source>
      <translation>the day before at the same time</translation>
    </message>
    <message>
      <source>Nouvel atelier</source>
      <translation>New workshop</translation>
    </message>
    <message>
      <source>ex. Atelier CV et lettre de motivation</source>
      <translation>e.g. CV and cover letter workshop</translation>
    </message>
    <message>
      <source>ex. jeunes en CEJ, 16-18 ans…</source>
      <translation>e.g. young people in a CEJ, aged 16-18…</translation>
    </message>
    <message>
      <source>Date de la première séance</source>
      <translation>Date of the first session</translation>
    </message>
    <message>
      <source>Heure de la première séance</source>
      <translation>Time of the first session</translation>
    </message>
    <message>
      <source> séances</source>
      <translation> sessions</translation>
    </message>
    <message>
      <source>Nombre de séances</source>
      <translation>Number of sessions</translation>
    </message>
    <message>
      <source>Date de la dernière séance</source>
      <translation>Date of the last session</translation>
    </message>
    <message>
      <source>Ignorer les dates en conflit (créer les autres séances)</source>
      <translation>Skip clashing dates (create the other sessions)</translation>
    </message>
    <message>
      <source>Titre</source>
      <translation>Title</translation>
    </message>
    <message>
      <source>Public</source>
      <translation>Audience</translation>
    </message>
    <message>
      <source>Description</source>
      <translation>Description</translation>
    </message>
    <message>
      <source>Fin des inscriptions</source>
      <translation>Registrations close</translation>
    </message>
    <message>
      <source>Première séance</source>
      <translation>First session</translation>
    </message>
    <message>
      <source>Répétition</source>
      <translation>Repeat</translation>
    </message>
    <message>
      <source>Jours</source>
      <translation>Days</translation>
    </message>
    <message>
      <source>Fin</source>
      <translation>End</translation>
    </message>
    <message>
      <source>Règle</source>
      <translation>Rule</translation>
    </message>
    <message>
      <source>Aperçu des dates</source>
      <translation>Preview of the dates</translation>
    </message>
    <message>
      <source>Créer l'atelier</source>
      <translation>Create the workshop</translation>
    </message>
    <message>
      <source>après</source>
      <translation>after</translation>
    </message>
    <message>
      <source>jusqu'au</source>
      <translation>until</translation>
    </message>
    <message>
      <source>places, séances de</source>
      <translation>seats, sessions of</translation>
    </message>
    <message>
      <source>L'atelier</source>
      <translation>The workshop</translation>
    </message>
    <message>
      <source>Quand</source>
      <translation>When</translation>
    </message>
    <message>
      <source>&lt;b&gt;Aperçu des séances&lt;/b&gt;</source>
      <translation>&lt;b&gt;Sessions preview&lt;/b&gt;</translation>
    </message>
    <message>
      <source>Atelier créé.</source>
      <translation>Workshop created.</translation>
    </message>
    <message>
      <source>{n} séance(s) à créer</source>
      <translation>{n} session(s) to create</translation>
    </message>
    <message>
      <source>{n} date(s) écartée(s) (férié, fermeture)</source>
      <translation>{n} date(s) skipped (holiday, closure)</translation>
    </message>
    <message>
      <source>{n} date(s) en conflit</source>
      <translation>{n} clashing date(s)</translation>
    </message>
    <message>
      <source>Séances tenues : séances non annulées, déjà commencées. Présence = (présents + en retard) / présences saisies ; absentéisme = absents / présences saisies (les excusés ne comptent dans aucun des deux) ; remplissage = inscrits / places offertes.</source>
      <translation>Sessions held: sessions not cancelled that have started. Attendance = (present + late) / attendance recorded; no-show rate = absent / attendance recorded (excused people count in neither); fill rate = registered / seats offered.</translation>
    </message>
    <message>
      <source>Graphique des taux par mois</source>
      <translation>Chart of the rates per month</translation>
    </message>
    <message>
      <source>Séances</source>
      <translation>Sessions</translation>
    </message>
    <message>
      <source>Présents</source>
      <translation>Present</translation>
    </message>
    <message>
      <source>dont en retard</source>
      <translation>of whom late</translation>
    </message>
    <message>
      <source>Excusés</source>
      <translation>Excused</translation>
    </message>
    <message>
      <source>Absents</source>
      <translation>Absent</translation>
    </message>
    <message>
      <source>Absentéisme</source>
      <translation>No-shows</translation>
    </message>
    <message>
      <source>Remplissage</source>
      <translation>Fill rate</translation>
    </message>
    <message>
      <source>Reçus</source>
      <translation>Seen</translation>
    </message>
    <message>
      <source>Annulés (jeune)</source>
      <translation>Cancelled (young person)</translation>
    </message>
    <message>
      <source>Annulés (ML)</source>
      <translation>Cancelled (Mission Locale)</translation>
    </message>
    <message>
      <source>À renseigner</source>
      <translation>To fill in</translation>
    </message>
    <message>
      <source>12 derniers mois</source>
      <translation>Last 12 months</translation>
    </message>
    <message>
      <source>Début de la période</source>
      <translation>Start of the period</translation>
    </message>
    <message>
      <source>Fin de la période</source>
      <translation>End of the period</translation>
    </message>
    <message>
      <source>Ateliers par mois</source>
      <translation>Workshops per month</translation>
    </message>
    <message>
      <source>Par atelier</source>
      <translation>Per workshop</translation>
    </message>
    <message>
      <source>Rendez-vous par conseiller</source>
      <translation>Appointments per counsellor</translation>
    </message>
    <message>
      <source>Ateliers : taux par mois</source>
      <translation>Workshops: rates per month</translation>
    </message>
    <message>
      <source>Aucune donnée sur la période.</source>
      <translation>No data for this period.</translation>
    </message>
    <message>
      <source>Ateliers par atelier</source>
      <translation>Workshops per workshop</translation>
    </message>
    <message>
      <source>La fin de la période doit suivre son début.</source>
      <translation>The end of the period must come after its start.</translation>
    </message>
    <message>
      <source>{n} séance(s), {r} inscrit(s) · présence {a} · remplissage {f}</source>
      <translation>{n} session(s), {r} registered · attendance {a} · fill rate {f}</translation>
    </message>
    <message>
      <source>Atelier</source>
      <translation>Workshop</translation>
    </message>
    <message>
      <source>à renseigner</source>
      <translation>to fill in</translation>
    </message>
    <message>
      <source>séance annulée</source>
      <translation>session cancelled</translation>
    </message>
    <message>
      <source>présence à saisir</source>
      <translation>attendance to record</translation>
    </message>
    <message>
      <source>pas encore de rendez-vous passé</source>
      <translation>no past appointment yet</translation>
    </message>
    <message>
      <source>{rate} % ({attended} présent(s) sur {total})</source>
      <translation>{rate} % ({attended} attended out of {total})</translation>
    </message>
    <message>
      <source>Nature</source>
      <translation>Kind</translation>
    </message>
    <message>
      <source>Avec</source>
      <translation>With</translation>
    </message>
    <message>
      <source>Lieu</source>
      <translation>Place</translation>
    </message>
    <message>
      <source>Recherchez un jeune ci-dessus (quelques lettres du nom, sans accents si vous voulez),
ou ouvrez un dossier depuis l'agenda ou le portefeuille.</source>
      <translation>Search for a young person above (a few letters of the name, accents optional),
or open a file from the schedule or the portfolio.</translation>
    </message>
    <message>
      <source>Annuler les modifications</source>
      <translation>Discard the changes</translation>
    </message>
    <message>
      <source>Fusionner avec une autre fiche…</source>
      <translation>Merge with another record…</translation>
    </message>
    <message>
      <source>Historique des rendez-vous et ateliers</source>
      <translation>History of appointments and workshops</translation>
    </message>
    <message>
      <source>Historique</source>
      <translation>History</translation>
    </message>
    <message>
      <source>Rattacher une fiche en double à celle-ci (l'historique est conservé)</source>
      <translation>Attach a duplicate record to this one (the history is kept)</translation>
    </message>
    <message>
      <source>sans référent</source>
      <translation>no referent</translation>
    </message>
    <message>
      <source>Dossier enregistré.</source>
      <translation>File saved.</translation>
    </message>
    <message>
      <source>Fusionner la fiche « {drop} » dans « {keep} » ?

Les rendez-vous et inscriptions de la première sont rattachés à la seconde, qui est complétée des informations manquantes. La fiche « {drop} » disparaît. Cette opération ne peut pas être annulée.</source>
      <translation>Merge the record “{drop}” into “{keep}”?

The appointments and registrations of the first are attached to the second, which is completed with any missing details. The record “{drop}” disappears. This cannot be undone.</translation>
    </message>
    <message>
      <source>Fiches fusionnées.</source>
      <translation>Records merged.</translation>
    </message>
    <message>
      <source>Ce dossier n'existe plus : la fiche a été fusionnée avec une autre.</source>
      <translation>This file no longer exists: the record was merged into another one.</translation>
    </message>
    <message>
      <source>{day} à {time}</source>
      <translation>{day} at {time}</translation>
    </message>
    <message>
      <source>&lt;b&gt;Assiduité :&lt;/b&gt; {rate}&lt;br&gt;&lt;b&gt;Dernier contact :&lt;/b&gt; {last}&lt;br&gt;&lt;b&gt;Prochain rendez-vous :&lt;/b&gt; {next}</source>
      <translation>&lt;b&gt;Attendance:&lt;/b&gt; {rate}&lt;br&gt;&lt;b&gt;Last contact:&lt;/b&gt; {last}&lt;br&gt;&lt;b&gt;Next appointment:&lt;/b&gt; {next}</translation>
    </message>
    <message>
      <source>Fusionner deux fiches</source>
      <translation>Merge two records</translation>
    </message>
    <message>
      <source>{age} ans, né(e) le {date}</source>
      <translation>{age} years old, born {date}</translation>
    </message>
    <message>
      <source>référent : {name}</source>
      <translation>referent: {name}</translation>
    </message>
    <message>
      <source> depuis le {date}</source>
      <translation> since {date}</translation>
    </message>
    <message>
      <source>, jusqu'au {date}</source>
      <translation>, until {date}</translation>
    </message>
    <message>
      <source>Identité et contact</source>
      <translation>Identity and contact</translation>
    </message>
    <message>
      <source>Accepte les rappels par SMS</source>
      <translation>Accepts SMS reminders</translation>
    </message>
    <message>
      <source>A besoin d'un bureau accessible</source>
      <translation>Needs an accessible office</translation>
    </message>
    <message>
      <source>Accompagnement</source>
      <translation>Support programme</translation>
    </message>
    <message>
      <source>Référent</source>
      <translation>Referent</translation>
    </message>
    <message>
      <source>Date de naissance</source>
      <translation>Date of birth</translation>
    </message>
    <message>
      <source>E-mail</source>
      <translation>Email</translation>
    </message>
    <message>
      <source>Identifiant externe</source>
      <translation>External ID</translation>
    </message>
    <message>
      <source>n° i-milo</source>
      <translation>i-milo number</translation>
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
      <source>No&amp;uveau jeune…</source>
      <translation>New yo&amp;ung person…</translation>
    </message>
    <message>
      <source>Créer la fiche d'un jeune qui n'est pas encore connu (Alt+U)</source>
      <translation>Create the file of a young person not yet known (Alt+U)</translation>
    </message>
    <message>
      <source>Créer la fiche</source>
      <translation>Create the file</translation>
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
      <source>Nom :</source>
      <translation>Last name:</translation>
    </message>
    <message>
      <source>Prénom :</source>
      <translation>First name:</translation>
    </message>
    <message>
      <source>Né(e) le :</source>
      <translation>Born on:</translation>
    </message>
    <message>
      <source>Téléphone :</source>
      <translation>Phone:</translation>
    </message>
    <message>
      <source>Choisissez la fiche existante ci-dessus, ou confirmez qu'il s'agit d'une autre personne.</source>
      <translation>Choose the existing file above, or confirm that this is another person.</translation>
    </message>
    <message>
      <source>né(e) le {date}</source>
      <translation>born {date}</translation>
    </message>
    <message>
      <source>réf. {name}</source>
      <translation>ref. {name}</translation>
    </message>
    <message>
      <source>Aucun jeune ne correspond. « Nouveau jeune… » (Alt+U) pour créer sa fiche.</source>
      <translation>No young person matches. “New young person…” (Alt+U) to create their file.</translation>
    </message>
    <message>
      <source>Jeune choisi : {youth}</source>
      <translation>Chosen: {youth}</translation>
    </message>
    <message>
      <source>■ fait   □ prévu   zone verte : engagement CEJ de 15 à 20 h</source>
      <translation>■ done   □ planned   green band: CEJ commitment of 15 to 20 h</translation>
    </message>
    <message>
      <source>Rechercher un jeune : nom, téléphone ou identifiant…</source>
      <translation>Search for a young person: name, phone or ID…</translation>
    </message>
    <message>
      <source>Heures d'activité par semaine</source>
      <translation>Hours of activity per week</translation>
    </message>
    <message>
      <source>Fiches candidates</source>
      <translation>Candidate records</translation>
    </message>
    <message>
      <source>Garder la fiche ouverte (l'autre y est fusionnée)</source>
      <translation>Keep the open record (the other is merged into it)</translation>
    </message>
    <message>
      <source>Garder l'autre fiche</source>
      <translation>Keep the other record</translation>
    </message>
    <message>
      <source>n° {number}</source>
      <translation>no. {number}</translation>
    </message>
    <message>
      <source>semaine du {week} : {done} h faites, {planned} h prévues</source>
      <translation>week of {week}: {done} h done, {planned} h planned</translation>
    </message>
    <message>
      <source>sem. du {week}</source>
      <translation>wk of {week}</translation>
    </message>
    <message>
      <source>Fiche ouverte : &lt;b&gt;{youth}&lt;/b&gt;&lt;br&gt;Autre fiche de la même personne :</source>
      <translation>Open record: &lt;b&gt;{youth}&lt;/b&gt;&lt;br&gt;Other record of the same person:</translation>
    </message>
    <message>
      <source>prévu</source>
      <translation>booked</translation>
    </message>
    <message>
      <source>arrivé</source>
      <translation>arrived</translation>
    </message>
    <message>
      <source>reçu</source>
      <translation>seen</translation>
    </message>
    <message>
      <source>absent</source>
      <translation>no-show</translation>
    </message>
    <message>
      <source>excusé</source>
      <translation>excused</translation>
    </message>
    <message>
      <source>annulé par le jeune</source>
      <translation>cancelled by the young person</translation>
    </message>
    <message>
      <source>annulé par la Mission Locale</source>
      <translation>cancelled by the Mission Locale</translation>
    </message>
    <message>
      <source>sur site</source>
      <translation>on site</translation>
    </message>
    <message>
      <source>téléphone</source>
      <translation>phone</translation>
    </message>
    <message>
      <source>visio</source>
      <translation>video</translation>
    </message>
    <message>
      <source>hors les murs</source>
      <translation>outreach</translation>
    </message>
    <message>
      <source>chargé(e) d'accueil</source>
      <translation>receptionist</translation>
    </message>
    <message>
      <source>conseiller(ère)</source>
      <translation>counsellor</translation>
    </message>
    <message>
      <source>responsable de site</source>
      <translation>site lead</translation>
    </message>
    <message>
      <source>administrateur</source>
      <translation>administrator</translation>
    </message>
    <message>
      <source>partenaire</source>
      <translation>partner</translation>
    </message>
    <message>
      <source>bureau</source>
      <translation>office</translation>
    </message>
    <message>
      <source>salle d'atelier</source>
      <translation>workshop room</translation>
    </message>
    <message>
      <source>CEJ</source>
      <translation>CEJ</translation>
    </message>
    <message>
      <source>PACEA</source>
      <translation>PACEA</translation>
    </message>
    <message>
      <source>spontané</source>
      <translation>self-referred</translation>
    </message>
    <message>
      <source>établissement scolaire</source>
      <translation>school</translation>
    </message>
    <message>
      <source>France Travail</source>
      <translation>France Travail</translation>
    </message>
    <message>
      <source>services sociaux</source>
      <translation>social services</translation>
    </message>
    <message>
      <source>Assurance maladie</source>
      <translation>Health insurance</translation>
    </message>
    <message>
      <source>justice (PJJ, SPIP)</source>
      <translation>justice (PJJ, SPIP)</translation>
    </message>
    <message>
      <source>autre</source>
      <translation>other</translation>
    </message>
    <message>
      <source>à venir</source>
      <translation>upcoming</translation>
    </message>
    <message>
      <source>à émarger</source>
      <translation>attendance to record</translation>
    </message>
    <message>
      <source>émargée</source>
      <translation>attendance recorded</translation>
    </message>
    <message>
      <source>clôturée</source>
      <translation>closed</translation>
    </message>
    <message>
      <source>annulée</source>
      <translation>cancelled</translation>
    </message>
    <message>
      <source>inscrit(e)</source>
      <translation>registered</translation>
    </message>
    <message>
      <source>liste d'attente</source>
      <translation>waiting list</translation>
    </message>
    <message>
      <source>inscription annulée</source>
      <translation>registration cancelled</translation>
    </message>
    <message>
      <source>non saisi</source>
      <translation>not recorded</translation>
    </message>
    <message>
      <source>présent(e)</source>
      <translation>present</translation>
    </message>
    <message>
      <source>absent(e)</source>
      <translation>absent</translation>
    </message>
    <message>
      <source>excusé(e)</source>
      <translation>excused</translation>
    </message>
    <message>
      <source>en retard</source>
      <translation>late</translation>
    </message>
    <message>
      <source>prescription</source>
      <translation>referral</translation>
    </message>
    <message>
      <source>spontanée</source>
      <translation>self-registration</translation>
    </message>
    <message>
      <source>cette séance</source>
      <translation>this session</translation>
    </message>
    <message>
      <source>cette séance et les suivantes</source>
      <translation>this and following sessions</translation>
    </message>
    <message>
      <source>toute la série</source>
      <translation>the whole series</translation>
    </message>
    <message>
      <source>nouveau</source>
      <translation>new</translation>
    </message>
    <message>
      <source>complété</source>
      <translation>completed</translation>
    </message>
    <message>
      <source>déjà présent</source>
      <translation>already present</translation>
    </message>
    <message>
      <source>doublon dans le fichier</source>
      <translation>duplicate in the file</translation>
    </message>
    <message>
      <source>erreur</source>
      <translation>error</translation>
    </message>
    <message>
      <source>Accepte les rappels par e-mail</source>
      <translation>Accepts e-mail reminders</translation>
    </message>
    <message>
      <source>Note enregistrée pour {name}.</source>
      <translation>Note saved for {name}.</translation>
    </message>
    <message>
      <source>{n} rendez-vous à distance aujourd'hui (téléphone, visio, hors les murs) : pas à l'accueil.</source>
      <translation>{n} remote appointment(s) today (phone, video, outside): not at the desk.</translation>
    </message>
    <message>
      <source> — Entrée pour choisir le premier, ↓ pour parcourir.</source>
      <translation> — Enter picks the first one, ↓ to browse.</translation>
    </message>
    <message>
      <source>(les {shown} premiers affichés : précisez le nom)</source>
      <translation>(the first {shown} shown: type more of the name)</translation>
    </message>
    <message>
      <source>1 jeune trouvé</source>
      <translation>1 young person found</translation>
    </message>
    <message>
      <source>Elle n'est pas encore configurée : un responsable de site choisit le dossier partagé dans l'onglet « Réglages » ci-dessous.</source>
      <translation>It is not set up yet: a site lead chooses the shared folder in the "Settings" tab below.</translation>
    </message>
    <message>
      <source>En liste d'attente pour {n} séance(s) : pas encore de place.</source>
      <translation>On the waiting list for {n} session(s): no seat yet.</translation>
    </message>
    <message>
      <source>Inverser le nom et le prénom</source>
      <translation>Swap last name and first name</translation>
    </message>
    <message>
      <source>La synchronisation n'est pas encore configurée : choisissez le dossier partagé ci-dessous.</source>
      <translation>Sync is not set up yet: choose the shared folder below.</translation>
    </message>
    <message>
      <source>La synchronisation n'est pas encore configurée : un responsable de site doit d'abord choisir le dossier partagé.</source>
      <translation>Sync is not set up yet: a site lead must first choose the shared folder.</translation>
    </message>
    <message>
      <source>plus de {n} jeunes trouvés</source>
      <translation>more than {n} young people found</translation>
    </message>
    <message>
      <source>{name} a une place à la séance.</source>
      <translation>{name} has a seat at the session.</translation>
    </message>
    <message>
      <source>{name} a une place à {n} séance(s).</source>
      <translation>{name} has a seat at {n} session(s).</translation>
    </message>
    <message>
      <source>{name} est en liste d'attente (rang {rank}) : pas encore de place.</source>
      <translation>{name} is on the waiting list (position {rank}): no seat yet.</translation>
    </message>
    <message>
      <source>{n} jeunes trouvés</source>
      <translation>{n} young people found</translation>
    </message>
    <message>
      <source>CSV, pour un autre logiciel</source>
      <translation>CSV, for another program</translation>
    </message>
    <message>
      <source>Format du fichier</source>
      <translation>File format</translation>
    </message>
    <message>
      <source>Format :</source>
      <translation>Format:</translation>
    </message>
    <message>
      <source>Le classeur .xlsx garde les dates, les nombres et les zéros des n° de dossier ; le CSV (séparateur « ; », dates jj/mm/aaaa) est pour un autre logiciel. Le fichier contient des données personnelles : rangez-le dans un dossier protégé et supprimez-le après usage.</source>
      <translation>The .xlsx workbook keeps dates, numbers and the leading zeros of file numbers; the CSV (“;” separator, dd/mm/yyyy dates) is for another program. The file holds personal data: keep it in a protected folder and delete it after use.</translation>
    </message>
    <message>
      <source>Classeurs (*.xlsx);;Fichiers CSV (*.csv);;Tous les fichiers (*)</source>
      <translation>Workbooks (*.xlsx);;CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
      <source>Classeur Excel (.xlsx), première feuille. Colonnes reconnues : {columns}.</source>
      <translation>Excel workbook (.xlsx), first sheet. Columns recognised: {columns}.</translation>
    </message>
    <message>
      <source>Fuseau horaire et jours fériés</source>
      <translation>Time zone and public holidays</translation>
    </message>
    <message>
      <source>France (calendrier national) — choisissez le département</source>
      <translation>France (national calendar) — choose the department</translation>
    </message>
    <message>
      <source>Personne n'a encore de planning sur ce site : ajoutez les conseillers dans Paramètres › Personnel (un par un, ou « Importer une liste… »), avec leurs jours de travail.</source>
      <translation>Nobody has a schedule on this site yet: add the counsellors in Settings › Staff (one by one, or “Import a list…”), with their working days.</translation>
    </message>
    <message>
      <source>Aucune salle n'est encore enregistrée sur ce site : ajoutez-les dans Paramètres › Salles.</source>
      <translation>No room is recorded on this site yet: add them in Settings › Rooms.</translation>
    </message>
    <message>
      <source>Calendrier des jours fériés</source>
      <translation>Public holiday calendar</translation>
    </message>
    <message>
      <source>Fuseau horaire</source>
      <translation>Time zone</translation>
    </message>
    <message>
      <source>Changer le fuseau et les jours fériés…</source>
      <translation>Change the time zone and holidays…</translation>
    </message>
    <message>
      <source>Réservé à l'administrateur. Les heures des rendez-vous déjà pris ne bougent pas (10:00 reste 10:00) ; la liste des rendez-vous tombant sur un nouveau jour férié est affichée avant de confirmer.</source>
      <translation>Administrators only. Times of appointments already booked do not move (10:00 stays 10:00); the appointments falling on a new public holiday are listed before you confirm.</translation>
    </message>
    <message>
      <source>Jours fériés</source>
      <translation>Public holidays</translation>
    </message>
    <message>
      <source>Réservé à l'administrateur.</source>
      <translation>Administrators only.</translation>
    </message>
    <message>
      <source>Changer le fuseau et les jours fériés du site ?</source>
      <translation>Change the site's time zone and public holidays?</translation>
    </message>
    <message>
      <source>Fuseau horaire et jours fériés enregistrés.</source>
      <translation>Time zone and public holidays saved.</translation>
    </message>
    <message>
      <source>Importer le personnel</source>
      <translation>Import staff</translation>
    </message>
    <message>
      <source>Une ligne par personne. Rôle : conseiller, chargé(e) d'accueil, responsable de site, administrateur ou partenaire. Une colonne par jour (Lundi…) : « 09:00-12:30 13:30-17:30 », « journée », « matin », « après-midi » ou vide ; sans ces colonnes, les horaires du site.</source>
      <translation>One line per person. Role: conseiller, chargé(e) d'accueil, responsable de site, administrateur or partenaire. One column per day (Lundi…): "09:00-12:30 13:30-17:30", "journée", "matin", "après-midi" or empty; without these columns, the site's opening hours.</translation>
    </message>
    <message>
      <source>Codes provisoires</source>
      <translation>One-time PINs</translation>
    </message>
    <message>
      <source>Liste du personnel</source>
      <translation>Staff list</translation>
    </message>
    <message>
      <source>classeur .xlsx ou fichier CSV : {columns}</source>
      <translation>.xlsx workbook or CSV file: {columns}</translation>
    </message>
    <message>
      <source>{kind} : {new} personne(s) à ajouter, {errors} ligne(s) en erreur (ignorées).</source>
      <translation>{kind}: {new} person(s) to add, {errors} line(s) in error (skipped).</translation>
    </message>
    <message>
      <source>{n} personne(s) ajoutée(s). Codes provisoires ci-dessous : remettez-les à chacun (ils ne seront plus affichés) ; chacun choisit son propre code à la première connexion.</source>
      <translation>{n} person(s) added. One-time PINs below: hand each one over (they will not be shown again); everyone chooses their own PIN at their first login.</translation>
    </message>
    <message>
      <source>Importer une liste…</source>
      <translation>Import a list…</translation>
    </message>
    <message>
      <source>Le personnel d'un tableur (.xlsx ou CSV), avec aperçu et codes provisoires</source>
      <translation>Staff from a spreadsheet (.xlsx or CSV), with a preview and one-time PINs</translation>
    </message>
    <message>
      <source>Donner un code provisoire</source>
      <translation>Give a one-time PIN</translation>
    </message>
    <message>
      <source>Déverrouiller le compte</source>
      <translation>Unlock the account</translation>
    </message>
    <message>
      <source>Code provisoire</source>
      <translation>One-time PIN</translation>
    </message>
    <message>
      <source>Code provisoire de {name} : {pin}
Remettez-le en main propre ; il sera remplacé par son propre code à sa prochaine connexion. Le compte est déverrouillé.</source>
      <translation>One-time PIN for {name}: {pin}
Hand it over in person; it is replaced by their own PIN at their next login. The account is unlocked.</translation>
    </message>
    <message>
      <source>Compte de {name} déverrouillé.</source>
      <translation>{name}'s account unlocked.</translation>
    </message>
    <message>
      <source>Nouveau code</source>
      <translation>New PIN</translation>
    </message>
    <message>
      <source>Le même, encore</source>
      <translation>The same again</translation>
    </message>
    <message>
      <source>De 6 à 12 chiffres, ni des chiffres tous identiques ni une suite (123456).</source>
      <translation>6 to 12 digits, neither all the same digit nor a sequence (123456).</translation>
    </message>
    <message>
      <source>Personne n'a encore de compte sur ce site. Créez le premier administrateur : c'est lui qui ajoute ensuite le personnel (Paramètres &gt; Personnel).</source>
      <translation>Nobody has an account on this site yet. Create the first administrator: they then add the staff (Settings &gt; Staff).</translation>
    </message>
    <message>
      <source>Enregistrer et continuer</source>
      <translation>Save and continue</translation>
    </message>
    <message>
      <source>Créer et continuer</source>
      <translation>Create and continue</translation>
    </message>
    <message>
      <source>DÉMONSTRATION — données fictives. Code : {code} pour tout le monde.</source>
      <translation>DEMONSTRATION — fictitious data. PIN: {code} for everyone.</translation>
    </message>
    <message>
      <source>Les deux codes tapés diffèrent.</source>
      <translation>The two PINs typed differ.</translation>
    </message>
    <message>
      <source>Bienvenue {name}. Votre code était provisoire : choisissez maintenant le vôtre (personne d'autre ne le connaîtra).</source>
      <translation>Welcome {name}. Your PIN was a one-time PIN: now choose your own (nobody else will know it).</translation>
    </message>
    <message>
      <source>DÉMONSTRATION — données fictives</source>
      <translation>DEMONSTRATION — fictitious data</translation>
    </message>
    <message>
      <source>Création du site…</source>
      <translation>Creating the site…</translation>
    </message>
    <message>
      <source>Réception des données du réseau…</source>
      <translation>Receiving the network's data…</translation>
    </message>
    <message>
      <source>Ouverture de la démonstration…</source>
      <translation>Opening the demonstration…</translation>
    </message>
    <message>
      <source>Création du site de démonstration…</source>
      <translation>Creating the demonstration site…</translation>
    </message>
    <message>
      <source>« {path} » n'existe pas ou est vide.</source>
      <translation>"{path}" does not exist or is empty.</translation>
    </message>
    <message>
      <source>« {path} » ne contient pas de site mlplanner.</source>
      <translation>"{path}" holds no mlplanner site.</translation>
    </message>
    <message>
      <source>Tableurs (*.xlsx *.csv *.txt);;Tous les fichiers (*)</source>
      <translation>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
      <source>Fichiers de site mlplanner (*.sqlite3 *.db);;Tous les fichiers (*)</source>
      <translation>mlplanner site files (*.sqlite3 *.db);;All files (*)</translation>
    </message>
    <message>
      <source>Première synchronisation avec ce dossier</source>
      <translation>First sync with this folder</translation>
    </message>
    <message>
      <source>Aperçu de la synchronisation</source>
      <translation>Sync preview</translation>
    </message>
    <message>
      <source>Première synchronisation avec ce dossier : lancez-la depuis la page « Synchronisation » pour voir d'abord ce qui sera envoyé et reçu.</source>
      <translation>First sync with this folder: start it from the "Sync" page to see first what will be sent and received.</translation>
    </message>
    <message>
      <source>Synchroniser maintenant ?</source>
      <translation>Sync now?</translation>
    </message>
    <message>
      <source>accepté</source>
      <translation>accepted</translation>
    </message>
    <message>
      <source>ce site — en attente d'acceptation par un site du réseau</source>
      <translation>this site — waiting to be accepted by a site of the network</translation>
    </message>
    <message>
      <source>demande d'adhésion en attente</source>
      <translation>join request waiting</translation>
    </message>
    <message>
      <source>ne peut pas être accepté</source>
      <translation>cannot be accepted</translation>
    </message>
    <message>
      <source>Code du site à accepter</source>
      <translation>Code of the site to accept</translation>
    </message>
    <message>
      <source>Accepter ce site</source>
      <translation>Accept this site</translation>
    </message>
    <message>
      <source>Accepter la demande choisie</source>
      <translation>Accept the selected request</translation>
    </message>
    <message>
      <source>Les lots des sites acceptés sont appliqués. Un nouveau site dépose sa demande dans le dossier ; l'accepter ici l'accepte pour tous les sites du réseau (à la synchronisation suivante), sans rien saisir ailleurs.</source>
      <translation>Change sets of accepted sites are applied. A new site leaves its request in the folder; accepting it here accepts it for every site of the network (at their next sync), with nothing to type anywhere else.</translation>
    </message>
    <message>
      <source>Site {code} accepté dans le réseau : les autres sites l'accepteront à leur prochaine synchronisation.</source>
      <translation>Site {code} accepted into the network: the other sites accept it at their next sync.</translation>
    </message>
    <message>
      <source>Retirer le site {code} du réseau ? Ses prochains lots seront refusés, par tous les sites.</source>
      <translation>Remove site {code} from the network? Its next change sets will be refused, by every site.</translation>
    </message>
    <message>
      <source>mlplanner — bienvenue</source>
      <translation>mlplanner — welcome</translation>
    </message>
    <message>
      <source>Fichier du site à ouvrir</source>
      <translation>Site file to open</translation>
    </message>
    <message>
      <source>Fichier du nouveau site</source>
      <translation>New site's file</translation>
    </message>
    <message>
      <source>Dossier de synchronisation du réseau</source>
      <translation>The network's sync folder</translation>
    </message>
    <message>
      <source>mlplanner</source>
      <translation>mlplanner</translation>
    </message>
    <message>
      <source>Créer le site</source>
      <translation>Create the site</translation>
    </message>
    <message>
      <source>Rejoindre le réseau — mlplanner</source>
      <translation>Join the network — mlplanner</translation>
    </message>
    <message>
      <source>Ce site reçoit du réseau les types de rendez-vous, les jeunes, la liste des sites et les réglages communs ; son personnel, ses salles et ses horaires restent les siens. Un responsable d'un site du réseau acceptera ensuite sa demande, une fois pour tous.</source>
      <translation>This site receives from the network the appointment types, the young people, the list of sites and the shared settings; its staff, rooms and hours stay its own. A site lead of a site of the network then accepts its request, once for all.</translation>
    </message>
    <message>
      <source>\\serveur\partage\mlplanner ou E:\mlplanner</source>
      <translation>\\server\share\mlplanner or E:\mlplanner</translation>
    </message>
    <message>
      <source>vide si le réseau ne chiffre pas ses échanges</source>
      <translation>empty if the network does not encrypt its exchanges</translation>
    </message>
    <message>
      <source>ex. PARIS18</source>
      <translation>e.g. PARIS18</translation>
    </message>
    <message>
      <source>&amp;Rejoindre le réseau</source>
      <translation>&amp;Join the network</translation>
    </message>
    <message>
      <source>Code du nouveau site</source>
      <translation>New site's code</translation>
    </message>
    <message>
      <source>Nom du site</source>
      <translation>Site name</translation>
    </message>
    <message>
      <source>Administrateur : prénom</source>
      <translation>Administrator: first name</translation>
    </message>
    <message>
      <source>Administrateur : nom</source>
      <translation>Administrator: last name</translation>
    </message>
    <message>
      <source>Son code personnel</source>
      <translation>Their PIN</translation>
    </message>
    <message>
      <source>Le même code, encore</source>
      <translation>The same PIN again</translation>
    </message>
    <message>
      <source>Fichier du site</source>
      <translation>Site file</translation>
    </message>
    <message>
      <source>Indiquez le dossier de synchronisation du réseau.</source>
      <translation>Give the network's sync folder.</translation>
    </message>
    <message>
      <source>« {path} » existe déjà : choisissez un autre fichier.</source>
      <translation>"{path}" already exists: choose another file.</translation>
    </message>
    <message>
      <source>Bienvenue dans mlplanner</source>
      <translation>Welcome to mlplanner</translation>
    </message>
    <message>
      <source>Aucun site n'est encore enregistré sur ce poste. Que voulez-vous faire ?</source>
      <translation>No site is stored on this workstation yet. What do you want to do?</translation>
    </message>
    <message>
      <source>&amp;Créer le site</source>
      <translation>&amp;Create the site</translation>
    </message>
    <message>
      <source>Première installation dans votre Mission Locale : le site, ses horaires, ses salles, ses types de rendez-vous et le premier administrateur.</source>
      <translation>First installation at your Mission Locale: the site, its hours, its rooms, its appointment types and the first administrator.</translation>
    </message>
    <message>
      <source>Votre Mission Locale a déjà d'autres sites sous mlplanner : ce site reçoit les jeunes, les types de rendez-vous et les réglages du réseau depuis son dossier de synchronisation, ou travaille sur le serveur du réseau.</source>
      <translation>Your Mission Locale already has other sites on mlplanner: this site receives the young people, the appointment types and the network's settings from its sync folder, or works on the network's server.</translation>
    </message>
    <message>
      <source>&amp;Ouvrir un fichier…</source>
      <translation>&amp;Open a file…</translation>
    </message>
    <message>
      <source>Le fichier du site existe déjà ailleurs (un autre dossier, un autre disque).</source>
      <translation>The site's file already exists elsewhere (another folder, another disk).</translation>
    </message>
    <message>
      <source>&amp;Essayer la démonstration</source>
      <translation>&amp;Try the demonstration</translation>
    </message>
    <message>
      <source>Un site fictif, avec des données inventées, pour découvrir ou former : code 1234 pour tout le monde. Il ne se mélange jamais au vrai site.</source>
      <translation>A fictitious site with invented data, to discover or to train: PIN 1234 for everyone. It never mixes with the real site.</translation>
    </message>
    <message>
      <source>Fichier attendu : {path}</source>
      <translation>Expected file: {path}</translation>
    </message>
    <message>
      <source>sur place</source>
      <translation>on site</translation>
    </message>
    <message>
      <source>à l'extérieur</source>
      <translation>outside</translation>
    </message>
    <message>
      <source>Accessible en fauteuil</source>
      <translation>Wheelchair accessible</translation>
    </message>
    <message>
      <source>Durée (min)</source>
      <translation>Duration (min)</translation>
    </message>
    <message>
      <source>Battement après (min)</source>
      <translation>Buffer after (min)</translation>
    </message>
    <message>
      <source>La structure et le site</source>
      <translation>The organisation and the site</translation>
    </message>
    <message>
      <source>Ces informations sont imprimées sur les plannings, coupons et feuilles d'émargement.</source>
      <translation>This information is printed on schedules, slips and sign-in sheets.</translation>
    </message>
    <message>
      <source>Mission Locale de …</source>
      <translation>Mission Locale de …</translation>
    </message>
    <message>
      <source>Mission Locale de … — site …</source>
      <translation>Mission Locale de … — site …</translation>
    </message>
    <message>
      <source>ex. PARIS13 (lettres et chiffres)</source>
      <translation>e.g. PARIS13 (letters and digits)</translation>
    </message>
    <message>
      <source>Le code identifie le site dans le réseau : il ne pourra plus changer.</source>
      <translation>The code identifies the site in the network: it cannot change later.</translation>
    </message>
    <message>
      <source>Les jours fériés du département ou du territoire du site ne proposent aucun créneau (Alsace-Moselle et outre-mer ont leurs jours en plus).</source>
      <translation>No slot is offered on the public holidays of the site's department or territory (Alsace-Moselle and overseas have extra days).</translation>
    </message>
    <message>
      <source>Jours fériés du département ou territoire</source>
      <translation>Holidays of the department or territory</translation>
    </message>
    <message>
      <source>Les heures des rendez-vous sont celles de l'horloge du site. Un administrateur pourra changer le fuseau et le calendrier plus tard (Paramètres &gt; Site).</source>
      <translation>Appointment times are the site's wall clock. An administrator can change the time zone and the calendar later (Settings &gt; Site).</translation>
    </message>
    <message>
      <source>Une ligne par jour, par exemple 09:00-12:30, 13:30-17:30 ; vide : fermé.</source>
      <translation>One line per day, for example 09:00-12:30, 13:30-17:30; empty: closed.</translation>
    </message>
    <message>
      <source>Retirer la ligne choisie</source>
      <translation>Remove the selected line</translation>
    </message>
    <message>
      <source>Bureaux d'entretien et salles d'atelier ; la capacité compte le conseiller.</source>
      <translation>Interview offices and workshop rooms; the capacity includes the counsellor.</translation>
    </message>
    <message>
      <source>Ajouter une salle</source>
      <translation>Add a room</translation>
    </message>
    <message>
      <source>Les types les plus courants sont proposés : modifiez-les, ajoutez-en, retirez ceux qui ne servent pas.</source>
      <translation>The most common types are offered: edit them, add some, remove those you do not use.</translation>
    </message>
    <message>
      <source>Ajouter un type</source>
      <translation>Add a type</translation>
    </message>
    <message>
      <source>Premier administrateur</source>
      <translation>First administrator</translation>
    </message>
    <message>
      <source>La personne qui gère les comptes du personnel. Son code personnel n'est connu que d'elle : il n'y a aucun code par défaut.</source>
      <translation>The person who manages staff accounts. Only they know their PIN: there is no default PIN.</translation>
    </message>
    <message>
      <source>Récapitulatif</source>
      <translation>Summary</translation>
    </message>
    <message>
      <source>« Créer le site » enregistre tout ; vous vous connecterez ensuite avec votre code.</source>
      <translation>"Create the site" saves everything; you then log in with your PIN.</translation>
    </message>
    <message>
      <source>Ensuite : ajoutez le personnel dans Paramètres &gt; Personnel (un par un, ou « Importer une liste… » depuis un tableur : chacun reçoit un code provisoire), puis ouvrez le dossier de synchronisation du réseau si votre Mission Locale a plusieurs sites.</source>
      <translation>Next: add the staff in Settings &gt; Staff (one by one, or "Import a list…" from a spreadsheet: everyone gets a one-time PIN), then open the network's sync folder if your Mission Locale has several sites.</translation>
    </message>
    <message>
      <source>Créer le site — mlplanner</source>
      <translation>Create the site — mlplanner</translation>
    </message>
    <message>
      <source>Nom de la structure</source>
      <translation>Organisation name</translation>
    </message>
    <message>
      <source>Fichier du site (sur le disque de ce poste de préférence) :</source>
      <translation>Site file (preferably on this workstation's disk):</translation>
    </message>
    <message>
      <source>Indiquez au moins une plage d'ouverture dans la semaine.</source>
      <translation>Give at least one opening period in the week.</translation>
    </message>
    <message>
      <source>Gardez au moins un type de rendez-vous.</source>
      <translation>Keep at least one appointment type.</translation>
    </message>
    <message>
      <source>De {low} à {high} chiffres, ni des chiffres tous identiques ni une suite (123456). Trois codes erronés de suite verrouillent le compte un moment.</source>
      <translation>{low} to {high} digits, neither all the same digit nor a sequence (123456). Three wrong PINs in a row lock the account for a while.</translation>
    </message>
    <message>
      <source>Structure : {v}</source>
      <translation>Organisation: {v}</translation>
    </message>
    <message>
      <source>Site : {name} (code {code})</source>
      <translation>Site: {name} (code {code})</translation>
    </message>
    <message>
      <source>Adresse : {v}</source>
      <translation>Address: {v}</translation>
    </message>
    <message>
      <source>Téléphone : {v}</source>
      <translation>Phone: {v}</translation>
    </message>
    <message>
      <source>Jours fériés : {v} ; fuseau horaire : {z}</source>
      <translation>Public holidays: {v}; time zone: {z}</translation>
    </message>
    <message>
      <source>Ouverture : {v}</source>
      <translation>Opening hours: {v}</translation>
    </message>
    <message>
      <source>{rooms} salle(s), {types} type(s) de rendez-vous</source>
      <translation>{rooms} room(s), {types} appointment type(s)</translation>
    </message>
    <message>
      <source>Administrateur : {first} {last}</source>
      <translation>Administrator: {first} {last}</translation>
    </message>
    <message>
      <source>Choisissez le calendrier dans la liste (« {text} » n'y est pas).</source>
      <translation>Choose the calendar in the list ("{text}" is not in it).</translation>
    </message>
    <message>
      <source>Bureau {n}</source>
      <translation>Office {n}</translation>
    </message>
    <message>
      <source>Note confidentielle (Ma journée)</source>
      <translation>Confidential note (My day)</translation>
    </message>
    <message>
      <source>note confidentielle : sélectionnez le rendez-vous</source>
      <translation>confidential note: select the appointment</translation>
    </message>
    <message>
      <source>Rendez-vous confidentiel</source>
      <translation>Confidential appointment</translation>
    </message>
    <message>
      <source>Confidentiel (santé, violences, urgence logement…)</source>
      <translation>Confidential (health, violence, housing emergency…)</translation>
    </message>
    <message>
      <source>L'accueil, les listes d'arrivée et les plannings imprimés affichent « Rendez-vous confidentiel » et le conseiller, sans le type ni les notes.</source>
      <translation>Reception, arrival lists and printed schedules show “Confidential appointment” and the counsellor, without the type or the notes.</translation>
    </message>
    <message>
      <source>Confidentiel</source>
      <translation>Confidential</translation>
    </message>
    <message>
      <source>{label} (confidentiel)</source>
      <translation>{label} (confidential)</translation>
    </message>
    <message>
      <source>RDV du</source>
      <translation>Appointment of</translation>
    </message>
    <message>
      <source>Canal</source>
      <translation>Channel</translation>
    </message>
    <message>
      <source>Destinataire</source>
      <translation>Recipient</translation>
    </message>
    <message>
      <source>Accusé de réception / motif</source>
      <translation>Receipt / reason</translation>
    </message>
    <message>
      <source>Messages (SMS et e-mails)</source>
      <translation>Messages (SMS and e-mails)</translation>
    </message>
    <message>
      <source>Messages envoyés au jeune</source>
      <translation>Messages sent to the young person</translation>
    </message>
    <message>
      <source>Aucun message pour l'instant.</source>
      <translation>No message yet.</translation>
    </message>
    <message>
      <source>distribué</source>
      <translation>delivered</translation>
    </message>
    <message>
      <source>Accord pour les SMS : {sms} · pour les e-mails : {email} (à changer dans la fiche).</source>
      <translation>Agrees to SMS: {sms} · to e-mails: {email} (change it in the form).</translation>
    </message>
    <message>
      <source>non distribué</source>
      <translation>not delivered</translation>
    </message>
    <message>
      <source>Envoi des messages aux jeunes</source>
      <translation>Sending messages to young people</translation>
    </message>
    <message>
      <source>Messages aux jeunes</source>
      <translation>Messages to young people</translation>
    </message>
    <message>
      <source>confirmation</source>
      <translation>confirmation</translation>
    </message>
    <message>
      <source>rappel</source>
      <translation>reminder</translation>
    </message>
    <message>
      <source>rendez-vous déplacé</source>
      <translation>appointment moved</translation>
    </message>
    <message>
      <source>rendez-vous annulé</source>
      <translation>appointment cancelled</translation>
    </message>
    <message>
      <source>séance d'atelier annulée</source>
      <translation>workshop session cancelled</translation>
    </message>
    <message>
      <source>place libérée (liste d'attente)</source>
      <translation>place freed (waiting list)</translation>
    </message>
    <message>
      <source>SMS</source>
      <translation>SMS</translation>
    </message>
    <message>
      <source>e-mail</source>
      <translation>e-mail</translation>
    </message>
    <message>
      <source>en attente</source>
      <translation>pending</translation>
    </message>
    <message>
      <source>en cours d'envoi</source>
      <translation>being sent</translation>
    </message>
    <message>
      <source>envoyé</source>
      <translation>sent</translation>
    </message>
    <message>
      <source>exporté (fichier CSV)</source>
      <translation>exported (CSV file)</translation>
    </message>
    <message>
      <source>envoi interrompu (peut-être reçu)</source>
      <translation>sending interrupted (perhaps received)</translation>
    </message>
    <message>
      <source>échec</source>
      <translation>failed</translation>
    </message>
    <message>
      <source>expiré (non envoyé avant le rendez-vous)</source>
      <translation>expired (not sent before the appointment)</translation>
    </message>
    <message>
      <source>remplacé</source>
      <translation>replaced</translation>
    </message>
    <message>
      <source>non envoyé</source>
      <translation>not sent</translation>
    </message>
    <message>
      <source>Pas de SMS</source>
      <translation>No SMS</translation>
    </message>
    <message>
      <source>Passerelle e-mail vers SMS du fournisseur (par le relais SMTP)</source>
      <translation>Provider's e-mail-to-SMS gateway (through the SMTP relay)</translation>
    </message>
    <message>
      <source>API SMSFactor (HTTP)</source>
      <translation>SMSFactor API (HTTP)</translation>
    </message>
    <message>
      <source>Fichier CSV à déposer sur le site du fournisseur</source>
      <translation>CSV file to upload on the provider's site</translation>
    </message>
    <message>
      <source>Messages : erreur inattendue (voir le journal)</source>
      <translation>Messages: unexpected error (see the log)</translation>
    </message>
    <message>
      <source>Messages : envoi automatique actif</source>
      <translation>Messages: automatic sending on</translation>
    </message>
    <message>
      <source>Messages : envoyés par un autre poste</source>
      <translation>Messages: sent by another workstation</translation>
    </message>
    <message>
      <source>Messages : {problem}</source>
      <translation>Messages: {problem}</translation>
    </message>
    <message>
      <source>Messages : à jour</source>
      <translation>Messages: up to date</translation>
    </message>
    <message>
      <source>{n} message(s) envoyé(s) aux jeunes.</source>
      <translation>{n} message(s) sent to young people.</translation>
    </message>
    <message>
      <source>Messages : {n} envoyé(s) à {time}</source>
      <translation>Messages: {n} sent at {time}</translation>
    </message>
    <message>
      <source>jour ouvré précédent</source>
      <translation>previous open day</translation>
    </message>
    <message>
      <source>pas de rappel</source>
      <translation>no reminder</translation>
    </message>
    <message>
      <source>{n} jour(s) avant</source>
      <translation>{n} day(s) before</translation>
    </message>
    <message>
      <source>{parts} SMS · {chars} caractères (avec des valeurs types)</source>
      <translation>{parts} SMS · {chars} characters (with typical values)</translation>
    </message>
    <message>
      <source>Enregistré dans le trousseau du système de ce poste, jamais dans la base.</source>
      <translation>Kept in this workstation's system keyring, never in the database.</translation>
    </message>
    <message>
      <source>Envoyer maintenant</source>
      <translation>Send now</translation>
    </message>
    <message>
      <source>Planifier et envoyer tout de suite les messages dus</source>
      <translation>Plan and send the messages due right now</translation>
    </message>
    <message>
      <source>Envoi</source>
      <translation>Sending</translation>
    </message>
    <message>
      <source>Envoyer des rappels et des avis aux jeunes (SMS, e-mail)</source>
      <translation>Send reminders and notices to young people (SMS, e-mail)</translation>
    </message>
    <message>
      <source>Heure d'envoi des rappels</source>
      <translation>Time reminders are sent</translation>
    </message>
    <message>
      <source>Aucun envoi en dehors de</source>
      <translation>Nothing sent outside</translation>
    </message>
    <message>
      <source>Intervalle d'envoi automatique</source>
      <translation>Automatic sending interval</translation>
    </message>
    <message>
      <source>Envoi automatique toutes les</source>
      <translation>Automatic sending every</translation>
    </message>
    <message>
      <source>Rappel des ateliers</source>
      <translation>Workshop reminder</translation>
    </message>
    <message>
      <source>Canaux d'envoi du site</source>
      <translation>Site's channels</translation>
    </message>
    <message>
      <source>Envoi des SMS</source>
      <translation>Sending SMS</translation>
    </message>
    <message>
      <source>Envoi des e-mails</source>
      <translation>Sending e-mails</translation>
    </message>
    <message>
      <source>Pas d'e-mail</source>
      <translation>No e-mail</translation>
    </message>
    <message>
      <source>Par le relais SMTP du site</source>
      <translation>Through the site's SMTP relay</translation>
    </message>
    <message>
      <source>E-mails</source>
      <translation>E-mails</translation>
    </message>
    <message>
      <source>Identifiant et mot de passe…</source>
      <translation>Login and password…</translation>
    </message>
    <message>
      <source>Connexion au relais</source>
      <translation>Relay login</translation>
    </message>
    <message>
      <source>Adresse de la passerelle SMS</source>
      <translation>SMS gateway address</translation>
    </message>
    <message>
      <source>Adresse de l'API SMS</source>
      <translation>SMS API address</translation>
    </message>
    <message>
      <source>Émetteur des SMS</source>
      <translation>SMS sender</translation>
    </message>
    <message>
      <source>Jeton de l'API…</source>
      <translation>API token…</translation>
    </message>
    <message>
      <source>Jeton de l'API SMS</source>
      <translation>SMS API token</translation>
    </message>
    <message>
      <source>Enregistrer les canaux</source>
      <translation>Save the channels</translation>
    </message>
    <message>
      <source>Par type de rendez-vous</source>
      <translation>Per appointment type</translation>
    </message>
    <message>
      <source>Confirmation et rappel par type de rendez-vous</source>
      <translation>Confirmation and reminder per appointment type</translation>
    </message>
    <message>
      <source>Textes des messages</source>
      <translation>Message texts</translation>
    </message>
    <message>
      <source>Message à modifier</source>
      <translation>Message to edit</translation>
    </message>
    <message>
      <source>Texte du SMS</source>
      <translation>SMS text</translation>
    </message>
    <message>
      <source>Objet de l'e-mail</source>
      <translation>E-mail subject</translation>
    </message>
    <message>
      <source>Texte de l'e-mail</source>
      <translation>E-mail text</translation>
    </message>
    <message>
      <source>Exemple</source>
      <translation>Example</translation>
    </message>
    <message>
      <source>Enregistrer ces textes</source>
      <translation>Save these texts</translation>
    </message>
    <message>
      <source>Rétablir les textes par défaut</source>
      <translation>Restore the default texts</translation>
    </message>
    <message>
      <source>Réglages d'envoi enregistrés.</source>
      <translation>Sending settings saved.</translation>
    </message>
    <message>
      <source>Canaux enregistrés.</source>
      <translation>Channels saved.</translation>
    </message>
    <message>
      <source>Règles par type enregistrées.</source>
      <translation>Rules per type saved.</translation>
    </message>
    <message>
      <source>Textes enregistrés.</source>
      <translation>Texts saved.</translation>
    </message>
    <message>
      <source>Textes par défaut rétablis.</source>
      <translation>Default texts restored.</translation>
    </message>
    <message>
      <source>Connexion au relais SMTP</source>
      <translation>SMTP relay login</translation>
    </message>
    <message>
      <source>Jeton de l'API SMSFactor</source>
      <translation>SMSFactor API token</translation>
    </message>
    <message>
      <source>Début de la plage d'envoi</source>
      <translation>Start of the sending hours</translation>
    </message>
    <message>
      <source>Fin de la plage d'envoi</source>
      <translation>End of the sending hours</translation>
    </message>
    <message>
      <source>STARTTLS (port 587)</source>
      <translation>STARTTLS (port 587)</translation>
    </message>
    <message>
      <source>TLS (port 465)</source>
      <translation>TLS (port 465)</translation>
    </message>
    <message>
      <source>aucun (relais local, sans identifiant)</source>
      <translation>none (local relay, no login)</translation>
    </message>
    <message>
      <source>Relais SMTP</source>
      <translation>SMTP relay</translation>
    </message>
    <message>
      <source>Port</source>
      <translation>Port</translation>
    </message>
    <message>
      <source>Chiffrement</source>
      <translation>Encryption</translation>
    </message>
    <message>
      <source>Adresse d'expédition</source>
      <translation>Sender address</translation>
    </message>
    <message>
      <source>Confirmation à la prise</source>
      <translation>Confirmation at booking</translation>
    </message>
    <message>
      <source>Rappel</source>
      <translation>Reminder</translation>
    </message>
    <message>
      <source>L'envoi des messages est désactivé.</source>
      <translation>Sending messages is switched off.</translation>
    </message>
    <message>
      <source>remplacés : {chars}</source>
      <translation>replaced: {chars}</translation>
    </message>
    <message>
      <source>Champs : {fields}</source>
      <translation>Fields: {fields}</translation>
    </message>
    <message>
      <source>non défini</source>
      <translation>not set</translation>
    </message>
    <message>
      <source>{n} message(s) à envoyer maintenant</source>
      <translation>{n} message(s) to send now</translation>
    </message>
    <message>
      <source>Identifiant</source>
      <translation>Login</translation>
    </message>
    <message>
      <source>Mot de passe</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>Jeton</source>
      <translation>Token</translation>
    </message>
    <message>
      <source>Rappel pour {type}</source>
      <translation>Reminder for {type}</translation>
    </message>
    <message>
      <source>prochain le {date} à {time}</source>
      <translation>next on {date} at {time}</translation>
    </message>
    <message>
      <source>dernier envoi : {summary}</source>
      <translation>last run: {summary}</translation>
    </message>
    <message>
      <source>Défini par {source} sur ce poste.</source>
      <translation>Set by {source} on this workstation.</translation>
    </message>
    <message>
      <source>défini ({where})</source>
      <translation>set ({where})</translation>
    </message>
    <message>
      <source>&amp;Confirmer : dans la file</source>
      <translation>&amp;Confirm: join the queue</translation>
    </message>
    <message>
      <source>Déjà rendez-vous à {time} : &amp;pointer son arrivée</source>
      <translation>Already booked at {time}: &amp;mark as arrived</translation>
    </message>
    <message>
      <source>Ouvrir la prise de rendez-vous pour ce jeune</source>
      <translation>Open booking for this young person</translation>
    </message>
    <message>
      <source>Prochain créneau libre : {when} avec {who}.</source>
      <translation>Next free slot: {when} with {who}.</translation>
    </message>
    <message>
      <source>Proposition</source>
      <translation>Proposal</translation>
    </message>
    <message>
      <source>Qui peut le/la recevo&amp;ir ?</source>
      <translation>Who can &amp;receive them?</translation>
    </message>
    <message>
      <source>Revenir p&amp;lus tard, à {time}</source>
      <translation>Come back &amp;later, at {time}</translation>
    </message>
    <message>
      <source>Rendez-vous prévu à {time} avec {who}</source>
      <translation>Appointment booked at {time} with {who}</translation>
    </message>
    <message>
      <source>Réserver ce créneau sans pointer l'arrivée : le jeune revient à l'heure dite</source>
      <translation>Book this slot without checking in: the young person comes back at that time</translation>
    </message>
    <message>
      <source>Chan&amp;ger de jour…</source>
      <translation>Another &amp;day…</translation>
    </message>
    <message>
      <source>Voir le conseiller de permanence et l'heure, avant de confirmer (Entrée)</source>
      <translation>See the counsellor on duty and the time before confirming (Enter)</translation>
    </message>
    <message>
      <source>attente prévue {wait}</source>
      <translation>expected wait {wait}</translation>
    </message>
    <message>
      <source>{name} est dans la file : reçu(e) par {who} à {time} ({wait}).</source>
      <translation>{name} is in the queue: seen by {who} at {time} ({wait}).</translation>
    </message>
    <message>
      <source>{name} revient à {time} : rendez-vous avec {who}{where}.</source>
      <translation>{name} comes back at {time}: appointment with {who}{where}.</translation>
    </message>
    <message>
      <source>{name} serait reçu(e) par &lt;b&gt;{who}&lt;/b&gt; à &lt;b&gt;{time}&lt;/b&gt;{where} ({wait}).</source>
      <translation>{name} would be seen by &lt;b&gt;{who}&lt;/b&gt; at &lt;b&gt;{time}&lt;/b&gt;{where} ({wait}).</translation>
    </message>
    <message>
      <source>{n} min</source>
      <translation>{n} min</translation>
    </message>
    <message>
      <source>Revenir plus tard</source>
      <translation>Come back later</translation>
    </message>
    <message>
      <source>Pointer l'arrivée du rendez-vous déjà prévu</source>
      <translation>Check in the appointment already booked</translation>
    </message>
    <message>
      <source>Deuxième personne</source>
      <translation>Second person</translation>
    </message>
    <message>
      <source>Un partenaire ou un second conseiller présent au rendez-vous : il doit être libre lui aussi</source>
      <translation>A partner or a second counsellor at the appointment: they must be free too</translation>
    </message>
    <message>
      <source>Deu&amp;xième personne :</source>
      <translation>Seco&amp;nd person:</translation>
    </message>
    <message>
      <source>{first} et {second}</source>
      <translation>{first} and {second}</translation>
    </message>
    <message>
      <source>avec {who}</source>
      <translation>with {who}</translation>
    </message>
    <message>
      <source>Personne d'autre</source>
      <translation>Nobody else</translation>
    </message>
    <message>
      <source>Plus &amp;tôt si possible…</source>
      <translation>Ea&amp;rlier if possible…</translation>
    </message>
    <message>
      <source>Plus tôt si possible</source>
      <translation>Earlier if possible</translation>
    </message>
    <message>
      <source>Plus tôt si possible…</source>
      <translation>Earlier if possible…</translation>
    </message>
    <message>
      <source>Accueil</source>
      <translation>Reception</translation>
    </message>
    <message>
      <source>Rien de coché : n'importe quand, aux heures d'ouverture.</source>
      <translation>Nothing ticked: any time, during opening hours.</translation>
    </message>
    <message>
      <source>Un a&amp;utre conseiller convient</source>
      <translation>Another c&amp;ounsellor will do</translation>
    </message>
    <message>
      <source>Proposition de créneau libéré</source>
      <translation>Freed slot to offer</translation>
    </message>
    <message>
      <source>Avancer le rendez-vous</source>
      <translation>Bring the appointment forward</translation>
    </message>
    <message>
      <source>Le jeune accepte : son rendez-vous passe sur ce créneau</source>
      <translation>The young person accepts: their appointment moves to this slot</translation>
    </message>
    <message>
      <source>Le jeune refuse</source>
      <translation>The young person declines</translation>
    </message>
    <message>
      <source>Ce créneau ne lui sera plus proposé ; il passe au jeune suivant</source>
      <translation>This slot will not be offered to them again; it goes to the next young person</translation>
    </message>
    <message>
      <source>Ne plus proposer ce créneau</source>
      <translation>Stop offering this slot</translation>
    </message>
    <message>
      <source>Le créneau n'est plus proposé à personne</source>
      <translation>The slot is no longer offered to anyone</translation>
    </message>
    <message>
      <source>Ce créneau n'est plus proposé.</source>
      <translation>This slot is no longer offered.</translation>
    </message>
    <message>
      <source>Jeunes en attente d'un créneau plus tôt</source>
      <translation>Young people waiting for an earlier slot</translation>
    </message>
    <message>
      <source>Ret&amp;irer de la liste</source>
      <translation>Re&amp;move from the list</translation>
    </message>
    <message>
      <source>Le jeune ne souhaite plus venir plus tôt</source>
      <translation>The young person no longer wants to come earlier</translation>
    </message>
    <message>
      <source>Matin</source>
      <translation>Morning</translation>
    </message>
    <message>
      <source>Après-midi</source>
      <translation>Afternoon</translation>
    </message>
    <message>
      <source>Sélectionnez d'abord un jeune de la liste.</source>
      <translation>Select a young person in the list first.</translation>
    </message>
    <message>
      <source>{name} a rendez-vous {when} avec {who}. Quand peut-il ou elle venir plus tôt ?</source>
      <translation>{name} has an appointment {when} with {who}. When could they come earlier?</translation>
    </message>
    <message>
      <source>{day} matin</source>
      <translation>{day} morning</translation>
    </message>
    <message>
      <source>{day} après-midi</source>
      <translation>{day} afternoon</translation>
    </message>
    <message>
      <source>{name} est sur la liste « plus tôt si possible ».</source>
      <translation>{name} is on the “earlier if possible” list.</translation>
    </message>
    <message>
      <source>Créneau libéré {when} avec {who} : à proposer à {name} ({phone}), qui a rendez-vous {appointment} et voudrait venir plus tôt ({availability}).</source>
      <translation>Slot freed {when} with {who}: offer it to {name} ({phone}), who has an appointment {appointment} and would like to come earlier ({availability}).</translation>
    </message>
    <message>
      <source>Rendez-vous de {name} avancé {when}.</source>
      <translation>{name}'s appointment brought forward to {when}.</translation>
    </message>
    <message>
      <source>Refus noté pour {name}.</source>
      <translation>Refusal noted for {name}.</translation>
    </message>
    <message>
      <source>Rendez-vous actuel</source>
      <translation>Current appointment</translation>
    </message>
    <message>
      <source>Peut venir</source>
      <translation>Can come</translation>
    </message>
    <message>
      <source>{n} jeune(s) attendent un créneau plus tôt. Un créneau libéré leur est proposé en haut de la fenêtre.</source>
      <translation>{n} young people are waiting for an earlier slot. A freed slot is offered to them at the top of the window.</translation>
    </message>
    <message>
      <source>{name} n'est plus sur la liste.</source>
      <translation>{name} is no longer on the list.</translation>
    </message>
    <message>
      <source> · autre conseiller possible</source>
      <translation> · another counsellor will do</translation>
    </message>
    <message>
      <source>Un jeune marqué absent après ce retard libère la fin de son créneau, proposée aux jeunes qui attendent un rendez-vous plus tôt (0 : jamais).</source>
      <translation>A young person marked absent after this delay frees the rest of their slot, offered to young people waiting for an earlier appointment (0: never).</translation>
    </message>
    <message>
      <source>Libérer le créneau d'un jeune absent après un retard de</source>
      <translation>Free the slot of an absent young person after a delay of</translation>
    </message>
    <message>
      <source>n'importe quand</source>
      <translation>any time</translation>
    </message>
    <message>
      <source>Enre&amp;gistrer</source>
      <translation>&amp;Save</translation>
    </message>
    <message>
      <source>A&amp;ppelé(e) en entretien</source>
      <translation>&amp;Called in</translation>
    </message>
    <message>
      <source>En entret&amp;ien</source>
      <translation>Interview in &amp;progress</translation>
    </message>
    <message>
      <source>A&amp;ppeler</source>
      <translation>&amp;Call in</translation>
    </message>
    <message>
      <source>Vous allez chercher le jeune en salle d'attente : il quitte la liste d'attente</source>
      <translation>You fetch the young person from the waiting room: they leave the waiting list</translation>
    </message>
    <message>
      <source>L'entretien a commencé</source>
      <translation>The interview has started</translation>
    </message>
    <message>
      <source>◆ en entretien depuis {time}</source>
      <translation>◆ in interview since {time}</translation>
    </message>
    <message>
      <source>◆ appelé(e) à {time} — a attendu {minutes} min</source>
      <translation>◆ called in at {time} — waited {minutes} min</translation>
    </message>
    <message>
      <source>{name} appelé(e).</source>
      <translation>{name} called in.</translation>
    </message>
    <message>
      <source>{name} : entretien commencé.</source>
      <translation>{name}: interview started.</translation>
    </message>
    <message>
      <source>en entretien depuis {time}</source>
      <translation>in interview since {time}</translation>
    </message>
    <message>
      <source>appelé(e) à {time}</source>
      <translation>called in at {time}</translation>
    </message>
    <message>
      <source>{waiting} en salle d'attente · {inside} en entretien · {expected} attendu(s) · {seen} reçu(s)</source>
      <translation>{waiting} in the waiting room · {inside} in interview · {expected} expected · {seen} seen</translation>
    </message>
    <message>
      <source>Jeunes arrivés pour vous</source>
      <translation>Young people arrived for you</translation>
    </message>
    <message>
      <source>Appeler</source>
      <translation>Call in</translation>
    </message>
    <message>
      <source>Vous allez chercher le jeune : il quitte la liste de la salle d'attente</source>
      <translation>You fetch the young person: they leave the waiting room list</translation>
    </message>
    <message>
      <source>Arrivé(e) pour vous : {names}.</source>
      <translation>Arrived for you: {names}.</translation>
    </message>
    <message>
      <source>● {name} est arrivé(e) à {time} pour son rendez-vous de {start} — attend depuis {minutes} min</source>
      <translation>● {name} arrived at {time} for their {start} appointment — waiting for {minutes} min</translation>
    </message>
    <message>
      <source> · et {n} autre(s) en salle d'attente</source>
      <translation> · and {n} more in the waiting room</translation>
    </message>
    <message>
      <source>Un autre site du réseau : en mode serveur le rendez-vous est pris, sinon une demande part et le site la confirme à sa prochaine synchronisation</source>
      <translation>Another site of the network: in server mode the appointment is booked, otherwise a request is sent and that site confirms it at its next sync</translation>
    </message>
    <message>
      <source>S&amp;ite :</source>
      <translation>S&amp;ite:</translation>
    </message>
    <message>
      <source> (sur demande)</source>
      <translation> (by request)</translation>
    </message>
    <message>
      <source>&amp;Envoyer la demande</source>
      <translation>&amp;Send the request</translation>
    </message>
    <message>
      <source>Tous les sites (le plus proche d'abord)</source>
      <translation>All sites (nearest first)</translation>
    </message>
    <message>
      <source>Rendez-vous pris au site {site} : {name}, {when} avec {who}.</source>
      <translation>Appointment booked at site {site}: {name}, {when} with {who}.</translation>
    </message>
    <message>
      <source>Demande envoyée au site {site} pour {name}, {when} : en attente de confirmation (à sa prochaine synchronisation).</source>
      <translation>Request sent to site {site} for {name}, {when}: awaiting confirmation (at its next sync).</translation>
    </message>
    <message>
      <source>Ce site ({code})</source>
      <translation>This site ({code})</translation>
    </message>
    <message>
      <source>Autres sites</source>
      <translation>Other sites</translation>
    </message>
    <message>
      <source>⏳ en attente de confirmation</source>
      <translation>⏳ awaiting confirmation</translation>
    </message>
    <message>
      <source>✓ confirmé</source>
      <translation>✓ confirmed</translation>
    </message>
    <message>
      <source>✗ refusé</source>
      <translation>✗ refused</translation>
    </message>
    <message>
      <source>— retiré</source>
      <translation>— withdrawn</translation>
    </message>
    <message>
      <source>— annulé (demande retirée)</source>
      <translation>— cancelled (request withdrawn)</translation>
    </message>
    <message>
      <source>Demandes de rendez-vous aux autres sites</source>
      <translation>Appointment requests to other sites</translation>
    </message>
    <message>
      <source>Im&amp;primer le coupon</source>
      <translation>&amp;Print the slip</translation>
    </message>
    <message>
      <source>Possible une fois le rendez-vous confirmé par l'autre site</source>
      <translation>Possible once the other site has confirmed the appointment</translation>
    </message>
    <message>
      <source>Retirer la dema&amp;nde</source>
      <translation>With&amp;draw the request</translation>
    </message>
    <message>
      <source>Le jeune n'en veut plus : annulée sur l'autre site à sa prochaine synchronisation</source>
      <translation>The young person no longer wants it: cancelled at the other site at its next sync</translation>
    </message>
    <message>
      <source>Demande retirée.</source>
      <translation>Request withdrawn.</translation>
    </message>
    <message>
      <source>Réponse</source>
      <translation>Answer</translation>
    </message>
    <message>
      <source>Demandé par</source>
      <translation>Requested by</translation>
    </message>
    <message>
      <source>{n} demande(s) en attente de confirmation par les autres sites.</source>
      <translation>{n} request(s) awaiting confirmation by the other sites.</translation>
    </message>
    <message>
      <source>Réponse du site {site} pour {name} : {state}.</source>
      <translation>Answer from site {site} for {name}: {state}.</translation>
    </message>
    <message>
      <source>au choix du site</source>
      <translation>chosen by the site</translation>
    </message>
    <message>
      <source>Case à cocher : Espace pour cocher ou décocher.</source>
      <translation>Check box: Space to tick or untick.</translation>
    </message>
    <message>
      <source>Choix : flèches pour passer d'une option à l'autre.</source>
      <translation>Choice: arrow keys to move between the options.</translation>
    </message>
    <message>
      <source>Bouton : Espace pour l'activer.</source>
      <translation>Button: Space to press it.</translation>
    </message>
    <message>
      <source>Liste déroulante : flèches haut et bas pour choisir, ou tapez les premières lettres.</source>
      <translation>Drop-down list: Up and Down arrows to choose, or type the first letters.</translation>
    </message>
    <message>
      <source>Date (jj/mm/aaaa) : tapez-la, ou flèches haut et bas pour la changer.</source>
      <translation>Date (dd/mm/yyyy): type it, or Up and Down arrows to change it.</translation>
    </message>
    <message>
      <source>Nombre : tapez-le, ou flèches haut et bas pour le changer.</source>
      <translation>Number: type it, or Up and Down arrows to change it.</translation>
    </message>
    <message>
      <source>Zone de saisie.</source>
      <translation>Text field.</translation>
    </message>
    <message>
      <source>Tableau : flèches pour parcourir, Entrée pour ouvrir, touche Menu pour les actions.</source>
      <translation>Table: arrow keys to move, Enter to open, Menu key for the actions.</translation>
    </message>
    <message>
      <source>Liste : flèches pour parcourir, Entrée pour choisir.</source>
      <translation>List: arrow keys to move, Enter to choose.</translation>
    </message>
    <message>
      <source>Onglets : Ctrl+Tab pour passer à l'onglet suivant.</source>
      <translation>Tabs: Ctrl+Tab for the next tab.</translation>
    </message>
    <message>
      <source>Partie « {title} ».</source>
      <translation>Section “{title}”.</translation>
    </message>
    <message>
      <source>Taille du &amp;texte</source>
      <translation>&amp;Text size</translation>
    </message>
    <message>
      <source>Taille du texte : {scale} %.</source>
      <translation>Text size: {scale} %.</translation>
    </message>
    <message>
      <source>&amp;Contraste élevé</source>
      <translation>&amp;High contrast</translation>
    </message>
    <message>
      <source>Contraste élevé activé.</source>
      <translation>High contrast on.</translation>
    </message>
    <message>
      <source>Contraste élevé désactivé.</source>
      <translation>High contrast off.</translation>
    </message>
    <message>
      <source>N° i-milo</source>
      <translation>i-milo no.</translation>
    </message>
    <message>
      <source>Conseiller(ère)</source>
      <translation>Counsellor</translation>
    </message>
    <message>
      <source>Renouvelé le</source>
      <translation>Renewed on</translation>
    </message>
    <message>
      <source>Fin prévue</source>
      <translation>Planned end</translation>
    </message>
    <message>
      <source>Reste</source>
      <translation>Left</translation>
    </message>
    <message>
      <source>Accompagnements qui se terminent dans les 30 jours</source>
      <translation>Follow-ups ending within 30 days</translation>
    </message>
    <message>
      <source>Renouveler (6 mois)</source>
      <translation>Renew (6 months)</translation>
    </message>
    <message>
      <source>Terminer avec un suivi allégé…</source>
      <translation>End with a lighter follow-up…</translation>
    </message>
    <message>
      <source>Terminer</source>
      <translation>End</translation>
    </message>
    <message>
      <source>Ouvrir le dossier</source>
      <translation>Open the file</translation>
    </message>
    <message>
      <source>{n} accompagnement(s) se terminent dans les 30 jours, dont {late} déjà échu(s).</source>
      <translation>{n} follow-up(s) ending within 30 days, {late} already overdue.</translation>
    </message>
    <message>
      <source>prendre le rendez-vous maintenant</source>
      <translation>book the appointment now</translation>
    </message>
    <message>
      <source>Terminer avec un suivi allégé</source>
      <translation>End with a lighter follow-up</translation>
    </message>
    <message>
      <source>échu depuis {n} j</source>
      <translation>overdue by {n} d</translation>
    </message>
    <message>
      <source>{n} j</source>
      <translation>{n} d</translation>
    </message>
    <message>
      <source>Le suivi allégé de {name} commence aujourd'hui. Son premier contact :</source>
      <translation>{name}'s lighter follow-up starts today. Its first contact:</translation>
    </message>
    <message>
      <source>à prévoir vers le {date}</source>
      <translation>to plan around {date}</translation>
    </message>
    <message>
      <source>Renouveler l'accompagnement de {name} pour 6 mois ?</source>
      <translation>Renew {name}'s follow-up for 6 months?</translation>
    </message>
    <message>
      <source>Terminer l'accompagnement de {name} sans suivi allégé ?</source>
      <translation>End {name}'s follow-up without a lighter follow-up?</translation>
    </message>
    <message>
      <source>Saisi</source>
      <translation>Keyed</translation>
    </message>
    <message>
      <source>Événement</source>
      <translation>Event</translation>
    </message>
    <message>
      <source>Modalité</source>
      <translation>Mode</translation>
    </message>
    <message>
      <source>Statut i-milo</source>
      <translation>i-milo status</translation>
    </message>
    <message>
      <source>État de la session</source>
      <translation>Session state</translation>
    </message>
    <message>
      <source>Lignes à saisir dans i-milo</source>
      <translation>Lines to key into i-milo</translation>
    </message>
    <message>
      <source>Cocher la sélection (saisie faite)</source>
      <translation>Tick the selection (keyed)</translation>
    </message>
    <message>
      <source>Décocher la sélection</source>
      <translation>Untick the selection</translation>
    </message>
    <message>
      <source>Cocher une fois saisi dans i-milo</source>
      <translation>Tick once keyed into i-milo</translation>
    </message>
    <message>
      <source>Saisi dans i-milo par {who}</source>
      <translation>Keyed into i-milo by {who}</translation>
    </message>
    <message>
      <source>Rapports</source>
      <translation>Reports</translation>
    </message>
    <message>
      <source>Heures CEJ de la semaine</source>
      <translation>CEJ hours of the week</translation>
    </message>
    <message>
      <source>Saisie dans i-milo</source>
      <translation>Keying into i-milo</translation>
    </message>
    <message>
      <source>Accompagnements : fins dans les 30 jours</source>
      <translation>Follow-ups: ends within 30 days</translation>
    </message>
    <message>
      <source>Jeunes accompagnés, présentiel et distance</source>
      <translation>Young people accompanied, in person and remote</translation>
    </message>
    <message>
      <source>Participants FSE+</source>
      <translation>ESF+ participants</translation>
    </message>
    <message>
      <source>Feuille de temps des animateurs</source>
      <translation>Facilitators' timesheet</translation>
    </message>
    <message>
      <source>Orientations vers les partenaires</source>
      <translation>Referrals to partners</translation>
    </message>
    <message>
      <source>Barème CEJ et financements</source>
      <translation>CEJ scale and funding</translation>
    </message>
    <message>
      <source>Rapport</source>
      <translation>Report</translation>
    </message>
    <message>
      <source>Semaine (un jour de la semaine)</source>
      <translation>Week (a day of the week)</translation>
    </message>
    <message>
      <source>Un jour ou une semaine</source>
      <translation>A day or a week</translation>
    </message>
    <message>
      <source>le jour</source>
      <translation>the day</translation>
    </message>
    <message>
      <source>la semaine</source>
      <translation>the week</translation>
    </message>
    <message>
      <source>Opération financée</source>
      <translation>Funded operation</translation>
    </message>
    <message>
      <source>Tout le réseau</source>
      <translation>Whole network</translation>
    </message>
    <message>
      <source>Tous les sites dont ce poste a reçu les données par synchronisation</source>
      <translation>Every site whose data this workstation received by sync</translation>
    </message>
    <message>
      <source>Actualiser</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>Recalculer le rapport (F5)</source>
      <translation>Compute the report again (F5)</translation>
    </message>
    <message>
      <source>Exporter en .xlsx…</source>
      <translation>Export as .xlsx…</translation>
    </message>
    <message>
      <source>Exporter en .csv…</source>
      <translation>Export as .csv…</translation>
    </message>
    <message>
      <source>Les rapports sont réservés aux conseillers et aux responsables de site.</source>
      <translation>Reports are for counsellors and site leads.</translation>
    </message>
    <message>
      <source>Calcul en cours…</source>
      <translation>Computing…</translation>
    </message>
    <message>
      <source>Exporter le rapport</source>
      <translation>Export the report</translation>
    </message>
    <message>
      <source>Semaine du</source>
      <translation>Week of</translation>
    </message>
    <message>
      <source>Pour</source>
      <translation>For</translation>
    </message>
    <message>
      <source>Conseiller(ère) :</source>
      <translation>Counsellor:</translation>
    </message>
    <message>
      <source>Opération :</source>
      <translation>Operation:</translation>
    </message>
    <message>
      <source>Rapport :</source>
      <translation>Report:</translation>
    </message>
    <message>
      <source>Tous</source>
      <translation>All</translation>
    </message>
    <message>
      <source>Jour</source>
      <translation>Day</translation>
    </message>
    <message>
      <source>Le barème et les opérations s'appliquent à tous les rapports.</source>
      <translation>The scale and the operations apply to every report.</translation>
    </message>
    <message>
      <source>Calcul du rapport</source>
      <translation>Computing the report</translation>
    </message>
    <message>
      <source>Aucun participant sur la période.</source>
      <translation>No participant in the period.</translation>
    </message>
    <message>
      <source>{n} jeune(s) en CEJ, {under} sous {h} h (dont {zero} à 0 h). Alerte sous {h} h, avertissement sous {w} h, sur les heures déclarées.</source>
      <translation>{n} young people in CEJ, {under} under {h} h ({zero} at 0 h). Alert under {h} h, warning under {w} h, on declared hours.</translation>
    </message>
    <message>
      <source>{n} ligne(s), {left} restant à saisir dans i-milo.</source>
      <translation>{n} line(s), {left} left to key into i-milo.</translation>
    </message>
    <message>
      <source>{n} participant(s), {bad} incomplet(s) : {share} % (seuil : {limit} %){verdict}</source>
      <translation>{n} participant(s), {bad} incomplete: {share} % (threshold: {limit} %){verdict}</translation>
    </message>
    <message>
      <source>{n} jeune(s) accompagné(s), dont {new} nouveau(x).</source>
      <translation>{n} young people accompanied, {new} new.</translation>
    </message>
    <message>
      <source>{month} : {n} ligne(s), {h} h de séances financées.</source>
      <translation>{month}: {n} line(s), {h} h of funded sessions.</translation>
    </message>
    <message>
      <source>{n} orientation(s) de {y} jeune(s).</source>
      <translation>{n} referral(s) of {y} young people.</translation>
    </message>
    <message>
      <source>semaine {code}</source>
      <translation>week {code}</translation>
    </message>
    <message>
      <source> — au-dessus du seuil !</source>
      <translation> — above the threshold!</translation>
    </message>
    <message>
      <source>Heures CEJ</source>
      <translation>CEJ hours</translation>
    </message>
    <message>
      <source>Barème des types de rendez-vous</source>
      <translation>Scale of appointment types</translation>
    </message>
    <message>
      <source>Barème des types d'action collective</source>
      <translation>Scale of collective action types</translation>
    </message>
    <message>
      <source>CODE</source>
      <translation>CODE</translation>
    </message>
    <message>
      <source>Code du nouveau type d'action</source>
      <translation>Code of the new action type</translation>
    </message>
    <message>
      <source>Libellé (ex. Job dating)</source>
      <translation>Label (e.g. Job dating)</translation>
    </message>
    <message>
      <source>Libellé du nouveau type d'action</source>
      <translation>Label of the new action type</translation>
    </message>
    <message>
      <source>Ajouter ce type d'action</source>
      <translation>Add this action type</translation>
    </message>
    <message>
      <source>Données facultatives demandées aux participants FSE+</source>
      <translation>Optional data asked of ESF+ participants</translation>
    </message>
    <message>
      <source>Enregistrer le barème et les données demandées</source>
      <translation>Save the scale and the data asked</translation>
    </message>
    <message>
      <source>Le CEJ compte chaque activité selon ce barème, quelle que soit sa durée : atelier 4 h, information collective 3 h, autre rendez-vous 1 h. Une opération financée rattache les rendez-vous d'un type ou les séances d'un type d'action au rapport des participants FSE+ et à la feuille de temps des animateurs.</source>
      <translation>The CEJ counts each activity on this scale, whatever it lasted: workshop 4 h, information session 3 h, other appointment 1 h. A funded operation ties the appointments of a type, or the sessions of an action type, to the ESF+ participants report and to the facilitators' timesheet.</translation>
    </message>
    <message>
      <source>Opération financée (FSE+…)</source>
      <translation>Funded operation (ESF+…)</translation>
    </message>
    <message>
      <source>Type d'action collective</source>
      <translation>Collective action type</translation>
    </message>
    <message>
      <source>Enregistré.</source>
      <translation>Saved.</translation>
    </message>
    <message>
      <source>Rien n'a changé.</source>
      <translation>Nothing changed.</translation>
    </message>
    <message>
      <source>Type d'action ajouté : réglez ses heures CEJ et son opération, puis enregistrez.</source>
      <translation>Action type added: set its CEJ hours and its operation, then save.</translation>
    </message>
    <message>
      <source>Les données facultatives (handicap, nationalité, origine, minorité, logement) ne sont recueillies qu'avec l'accord exprès du jeune, qui peut refuser de répondre ; elles servent uniquement au suivi du Fonds social européen et ne figurent sur aucun autre document.</source>
      <translation>The optional data (disability, nationality, origin, minority, housing) are collected only with the young person's express consent, who may refuse to answer; they serve only the European Social Fund's monitoring and appear on no other document.</translation>
    </message>
    <message>
      <source>Actions du jeune (h)</source>
      <translation>Own actions (h)</translation>
    </message>
    <message>
      <source>Actions suivies</source>
      <translation>Actions attended</translation>
    </message>
    <message>
      <source>Animateur(trice)</source>
      <translation>Facilitator</translation>
    </message>
    <message>
      <source>Ateliers (h)</source>
      <translation>Workshops (h)</translation>
    </message>
    <message>
      <source>Ce qui manque</source>
      <translation>What is missing</translation>
    </message>
    <message>
      <source>Complet</source>
      <translation>Complete</translation>
    </message>
    <message>
      <source>Conseiller(ère) référent(e)</source>
      <translation>Referent counsellor</translation>
    </message>
    <message>
      <source>Courriel</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <source>Date d'entrée</source>
      <translation>Entry date</translation>
    </message>
    <message>
      <source>Date de sortie</source>
      <translation>Exit date</translation>
    </message>
    <message>
      <source>Date du résultat</source>
      <translation>Outcome date</translation>
    </message>
    <message>
      <source>Entretiens réalisés</source>
      <translation>Interviews held</translation>
    </message>
    <message>
      <source>Heures</source>
      <translation>Hours</translation>
    </message>
    <message>
      <source>Heures déclarées</source>
      <translation>Declared hours</translation>
    </message>
    <message>
      <source>Heures validées</source>
      <translation>Validated hours</translation>
    </message>
    <message>
      <source>Hors les murs</source>
      <translation>Outside</translation>
    </message>
    <message>
      <source>Indicateur</source>
      <translation>Indicator</translation>
    </message>
    <message>
      <source>Jeunes accompagnés</source>
      <translation>Young people accompanied</translation>
    </message>
    <message>
      <source>Jeunes en CEJ</source>
      <translation>Young people in CEJ</translation>
    </message>
    <message>
      <source>Liste</source>
      <translation>List</translation>
    </message>
    <message>
      <source>Manquant</source>
      <translation>Missing</translation>
    </message>
    <message>
      <source>Niveau de diplôme</source>
      <translation>Diploma level</translation>
    </message>
    <message>
      <source>Nouveaux jeunes (premier accueil)</source>
      <translation>New young people (first reception)</translation>
    </message>
    <message>
      <source>Organisme</source>
      <translation>Organisation</translation>
    </message>
    <message>
      <source>Orientations</source>
      <translation>Referrals</translation>
    </message>
    <message>
      <source>Orienté(e) par</source>
      <translation>Referred by</translation>
    </message>
    <message>
      <source>Part sur place</source>
      <translation>Share on site</translation>
    </message>
    <message>
      <source>Part téléphone</source>
      <translation>Share by phone</translation>
    </message>
    <message>
      <source>Part visio</source>
      <translation>Share by video</translation>
    </message>
    <message>
      <source>Partenaire</source>
      <translation>Partner</translation>
    </message>
    <message>
      <source>Présences en atelier</source>
      <translation>Workshop attendances</translation>
    </message>
    <message>
      <source>Rendez-vous (h)</source>
      <translation>Appointments (h)</translation>
    </message>
    <message>
      <source>Référence mlplanner</source>
      <translation>mlplanner reference</translation>
    </message>
    <message>
      <source>Saisi dans i-milo</source>
      <translation>Keyed into i-milo</translation>
    </message>
    <message>
      <source>Saisi le</source>
      <translation>Keyed on</translation>
    </message>
    <message>
      <source>Saisi par</source>
      <translation>Keyed by</translation>
    </message>
    <message>
      <source>Sexe</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>Situation à l'entrée</source>
      <translation>Situation at entry</translation>
    </message>
    <message>
      <source>Situation à la sortie</source>
      <translation>Situation at exit</translation>
    </message>
    <message>
      <source>Sur place</source>
      <translation>On site</translation>
    </message>
    <message>
      <source>Total</source>
      <translation>Total</translation>
    </message>
    <message>
      <source>Type d'action</source>
      <translation>Action type</translation>
    </message>
    <message>
      <source>Valeur</source>
      <translation>Value</translation>
    </message>
    <message>
      <source>Visio</source>
      <translation>Video</translation>
    </message>
    <message>
      <source>dont en atelier</source>
      <translation>of whom in workshops</translation>
    </message>
    <message>
      <source>dont en entretien individuel</source>
      <translation>of whom in interviews</translation>
    </message>
    <message>
      <source>À 0 h</source>
      <translation>At 0 h</translation>
    </message>
    <message>
      <source>Âge à l'entrée</source>
      <translation>Age at entry</translation>
    </message>
    <message>
      <source>Sous 15 h</source>
      <translation>Under 15 h</translation>
    </message>
    <message>
      <source>Sous 10 h</source>
      <translation>Under 10 h</translation>
    </message>
    <message>
      <source>Par conseiller</source>
      <translation>By counsellor</translation>
    </message>
    <message>
      <source>Participants</source>
      <translation>Participants</translation>
    </message>
    <message>
      <source>Complétude</source>
      <translation>Completeness</translation>
    </message>
    <message>
      <source>Accompagnés</source>
      <translation>Accompanied</translation>
    </message>
    <message>
      <source>Présentiel et distance</source>
      <translation>In person and remote</translation>
    </message>
    <message>
      <source>Comptes</source>
      <translation>Counts</translation>
    </message>
    <message>
      <source>Feuille de temps</source>
      <translation>Timesheet</translation>
    </message>
    <message>
      <source>Totaux</source>
      <translation>Totals</translation>
    </message>
    <message>
      <source>Saisie i-milo</source>
      <translation>i-milo keying</translation>
    </message>
    <message>
      <source>Participants incomplets</source>
      <translation>Incomplete participants</translation>
    </message>
    <message>
      <source>Participants complets</source>
      <translation>Complete participants</translation>
    </message>
    <message>
      <source>Part d'incomplets (%)</source>
      <translation>Share incomplete (%)</translation>
    </message>
    <message>
      <source>Seuil (%)</source>
      <translation>Threshold (%)</translation>
    </message>
    <message>
      <source>Femmes</source>
      <translation>Women</translation>
    </message>
    <message>
      <source>Hommes</source>
      <translation>Men</translation>
    </message>
    <message>
      <source>Sorties dans la période</source>
      <translation>Exits in the period</translation>
    </message>
    <message>
      <source>engagement tenu</source>
      <translation>commitment met</translation>
    </message>
    <message>
      <source>sous 15 h</source>
      <translation>under 15 h</translation>
    </message>
    <message>
      <source>sous 10 h</source>
      <translation>under 10 h</translation>
    </message>
    <message>
      <source>0 h</source>
      <translation>0 h</translation>
    </message>
    <message>
      <source>à 0 h</source>
      <translation>at 0 h</translation>
    </message>
    <message>
      <source>en cours</source>
      <translation>ongoing</translation>
    </message>
    <message>
      <source>animation</source>
      <translation>facilitation</translation>
    </message>
    <message>
      <source>co-animation</source>
      <translation>co-facilitation</translation>
    </message>
    <message>
      <source>collectif</source>
      <translation>group</translation>
    </message>
    <message>
      <source>Sans référent</source>
      <translation>No referent</translation>
    </message>
    <message>
      <source>Recherche d'emploi</source>
      <translation>Job search</translation>
    </message>
    <message>
      <source>Formation</source>
      <translation>Training</translation>
    </message>
    <message>
      <source>Projet professionnel</source>
      <translation>Career plan</translation>
    </message>
    <message>
      <source>Logement</source>
      <translation>Housing</translation>
    </message>
    <message>
      <source>Santé</source>
      <translation>Health</translation>
    </message>
    <message>
      <source>Citoyenneté</source>
      <translation>Citizenship</translation>
    </message>
    <message>
      <source>Sport, loisirs, culture</source>
      <translation>Sport, leisure, culture</translation>
    </message>
    <message>
      <source>Femme</source>
      <translation>Woman</translation>
    </message>
    <message>
      <source>Homme</source>
      <translation>Man</translation>
    </message>
    <message>
      <source>Sans diplôme (niveaux 1-2)</source>
      <translation>No diploma (levels 1-2)</translation>
    </message>
    <message>
      <source>CAP, BEP (niveau 3)</source>
      <translation>CAP, BEP (level 3)</translation>
    </message>
    <message>
      <source>Baccalauréat (niveau 4)</source>
      <translation>Baccalauréat (level 4)</translation>
    </message>
    <message>
      <source>Bac+2 (niveau 5)</source>
      <translation>Bac+2 (level 5)</translation>
    </message>
    <message>
      <source>Bac+3 et plus (niveaux 6 à 8)</source>
      <translation>Bac+3 and above (levels 6 to 8)</translation>
    </message>
    <message>
      <source>Demandeur d'emploi</source>
      <translation>Job seeker</translation>
    </message>
    <message>
      <source>Chômeur de longue durée (12 mois et plus)</source>
      <translation>Long-term unemployed (12 months or more)</translation>
    </message>
    <message>
      <source>Inactif (ni emploi, ni études, ni recherche)</source>
      <translation>Inactive (no job, no studies, not searching)</translation>
    </message>
    <message>
      <source>Scolarité ou études</source>
      <translation>In school or studies</translation>
    </message>
    <message>
      <source>En formation</source>
      <translation>In training</translation>
    </message>
    <message>
      <source>En emploi (y compris indépendant)</source>
      <translation>Employed (self-employed included)</translation>
    </message>
    <message>
      <source>Situation de handicap</source>
      <translation>Disability</translation>
    </message>
    <message>
      <source>Ressortissant d'un pays tiers</source>
      <translation>Third-country national</translation>
    </message>
    <message>
      <source>Origine étrangère</source>
      <translation>Foreign origin</translation>
    </message>
    <message>
      <source>Minorité (y compris communautés marginalisées)</source>
      <translation>Minority (marginalised communities included)</translation>
    </message>
    <message>
      <source>Sans domicile ou exclu du logement</source>
      <translation>Homeless or excluded from housing</translation>
    </message>
    <message>
      <source>refus de répondre</source>
      <translation>refuses to answer</translation>
    </message>
    <message>
      <source>Services sociaux</source>
      <translation>Social services</translation>
    </message>
    <message>
      <source>Assurance maladie (CPAM)</source>
      <translation>Health insurance (CPAM)</translation>
    </message>
    <message>
      <source>Santé, soins</source>
      <translation>Health, care</translation>
    </message>
    <message>
      <source>Logement, hébergement</source>
      <translation>Housing, shelter</translation>
    </message>
    <message>
      <source>Justice (SPIP, PJJ)</source>
      <translation>Justice (SPIP, PJJ)</translation>
    </message>
    <message>
      <source>Emploi (France Travail, employeur)</source>
      <translation>Employment (France Travail, employer)</translation>
    </message>
    <message>
      <source>Mobilité</source>
      <translation>Mobility</translation>
    </message>
    <message>
      <source>Autre partenaire</source>
      <translation>Other partner</translation>
    </message>
    <message>
      <source>droits ouverts</source>
      <translation>rights opened</translation>
    </message>
    <message>
      <source>pris(e) en charge</source>
      <translation>taken in</translation>
    </message>
    <message>
      <source>refusé par le partenaire</source>
      <translation>refused by the partner</translation>
    </message>
    <message>
      <source>non suivi par le jeune</source>
      <translation>not pursued by the young person</translation>
    </message>
    <message>
      <source>Accompagnement personnalisé</source>
      <translation>Personal follow-up</translation>
    </message>
    <message>
      <source>Suivi allégé</source>
      <translation>Lighter follow-up</translation>
    </message>
    <message>
      <source>terminé</source>
      <translation>ended</translation>
    </message>
    <message>
      <source>terminé, suivi allégé proposé</source>
      <translation>ended, lighter follow-up offered</translation>
    </message>
    <message>
      <source>Heures CEJ par semaine</source>
      <translation>CEJ hours per week</translation>
    </message>
    <message>
      <source>Barres : heures validées (foncé) et déclarées (clair) ; traits : 10 h et 15 h.</source>
      <translation>Bars: validated hours (dark) and declared hours (light); lines: 10 h and 15 h.</translation>
    </message>
    <message>
      <source>Ce jeune n'est pas en CEJ.</source>
      <translation>This young person is not in a CEJ.</translation>
    </message>
    <message>
      <source>Semaine précédente</source>
      <translation>Previous week</translation>
    </message>
    <message>
      <source>Semaine suivante</source>
      <translation>Next week</translation>
    </message>
    <message>
      <source>Enregistrer les actions de la semaine</source>
      <translation>Save the week's actions</translation>
    </message>
    <message>
      <source>Actions du jeune (déclarées par le conseiller)</source>
      <translation>The young person's own actions (recorded by the counsellor)</translation>
    </message>
    <message>
      <source>avertissement : moins de {h} h</source>
      <translation>warning: less than {h} h</translation>
    </message>
    <message>
      <source>alerte : moins de {h} h</source>
      <translation>alert: less than {h} h</translation>
    </message>
    <message>
      <source>Actions enregistrées.</source>
      <translation>Actions saved.</translation>
    </message>
    <message>
      <source>Semaine du {week} : {declared} déclarées sur {h} h, {validated} validées — {level}</source>
      <translation>Week of {week}: {declared} declared out of {h} h, {validated} validated — {level}</translation>
    </message>
    <message>
      <source>Semaine du {week}</source>
      <translation>Week of {week}</translation>
    </message>
    <message>
      <source>Heures : {theme}</source>
      <translation>Hours: {theme}</translation>
    </message>
    <message>
      <source>CEJ : {h}</source>
      <translation>CEJ: {h}</translation>
    </message>
    <message>
      <source>semaine du {week} : {declared} déclarées, {validated} validées</source>
      <translation>week of {week}: {declared} declared, {validated} validated</translation>
    </message>
    <message>
      <source>Démarrer l'accompagnement (6 mois)</source>
      <translation>Start the follow-up (6 months)</translation>
    </message>
    <message>
      <source>Renouveler</source>
      <translation>Renew</translation>
    </message>
    <message>
      <source>Organisme (facultatif)</source>
      <translation>Organisation (optional)</translation>
    </message>
    <message>
      <source>Orienter</source>
      <translation>Refer</translation>
    </message>
    <message>
      <source>Résultat de l'orientation</source>
      <translation>Outcome of the referral</translation>
    </message>
    <message>
      <source>Noter le résultat</source>
      <translation>Record the outcome</translation>
    </message>
    <message>
      <source>Situations successives</source>
      <translation>Situations over time</translation>
    </message>
    <message>
      <source>Situation</source>
      <translation>Situation</translation>
    </message>
    <message>
      <source>Depuis le</source>
      <translation>Since</translation>
    </message>
    <message>
      <source>Noter la situation</source>
      <translation>Record the situation</translation>
    </message>
    <message>
      <source>Le jeune accepte de répondre aux questions facultatives</source>
      <translation>The young person agrees to answer the optional questions</translation>
    </message>
    <message>
      <source>Enregistrer les données FSE+</source>
      <translation>Save the ESF+ data</translation>
    </message>
    <message>
      <source>Données FSE+</source>
      <translation>ESF+ data</translation>
    </message>
    <message>
      <source>Sexe :</source>
      <translation>Sex:</translation>
    </message>
    <message>
      <source>Niveau de diplôme :</source>
      <translation>Diploma level:</translation>
    </message>
    <message>
      <source>Accompagnement démarré.</source>
      <translation>Follow-up started.</translation>
    </message>
    <message>
      <source>Accompagnement renouvelé.</source>
      <translation>Follow-up renewed.</translation>
    </message>
    <message>
      <source>Accompagnement terminé.</source>
      <translation>Follow-up ended.</translation>
    </message>
    <message>
      <source>Orientation enregistrée.</source>
      <translation>Referral saved.</translation>
    </message>
    <message>
      <source>Résultat noté.</source>
      <translation>Outcome recorded.</translation>
    </message>
    <message>
      <source>Situation notée.</source>
      <translation>Situation recorded.</translation>
    </message>
    <message>
      <source>Données FSE+ enregistrées.</source>
      <translation>ESF+ data saved.</translation>
    </message>
    <message>
      <source>Résultat de l'orientation choisie :</source>
      <translation>Outcome of the selected referral:</translation>
    </message>
    <message>
      <source>depuis le</source>
      <translation>since</translation>
    </message>
    <message>
      <source>Aucun accompagnement enregistré.</source>
      <translation>No follow-up recorded.</translation>
    </message>
    <message>
      <source>Le suivi allégé commence aujourd'hui. Son premier contact :</source>
      <translation>The lighter follow-up starts today. Its first contact:</translation>
    </message>
    <message>
      <source>Accompagnement terminé ; suivi allégé ouvert.</source>
      <translation>Follow-up ended; lighter follow-up opened.</translation>
    </message>
    <message>
      <source>Terminer l'accompagnement sans suivi allégé ?</source>
      <translation>End the follow-up without a lighter follow-up?</translation>
    </message>
    <message>
      <source> — échu : à renouveler ou terminer</source>
      <translation> — overdue: renew or end it</translation>
    </message>
    <message>
      <source>Choisissez d'abord une orientation dans la liste.</source>
      <translation>First choose a referral in the list.</translation>
    </message>
    <message>
      <source>non renseigné</source>
      <translation>not given</translation>
    </message>
    <message>
      <source>, renouvelé le {date}</source>
      <translation>, renewed on {date}</translation>
    </message>
    <message>
      <source>non demandé</source>
      <translation>not asked</translation>
    </message>
    <message>
      <source>{label} :</source>
      <translation>{label}:</translation>
    </message>
    <message>
      <source>{text} ; prochain contact prévu le {date}</source>
      <translation>{text}; next contact planned on {date}</translation>
    </message>
    <message>
      <source>Serveur injoignable : affichage figé, aucune modification possible. Reconnexion automatique…</source>
      <translation>Server unreachable: display frozen, no change possible. Reconnecting automatically…</translation>
    </message>
    <message>
      <source>La base de données est injoignable : rien n'a été modifié. L'action sera possible dès que la connexion sera rétablie (l'affichage se met alors à jour seul).</source>
      <translation>The database is unreachable: nothing was changed. The action will be possible as soon as the connection is back (the display then updates by itself).</translation>
    </message>
    <message>
      <source>Connexion à la base de données</source>
      <translation>Database connection</translation>
    </message>
    <message>
      <source>Erreur inattendue</source>
      <translation>Unexpected error</translation>
    </message>
    <message>
      <source>Demande(s) d'adhésion au réseau : {names}. Acceptez-les dans l'onglet « Sites du réseau ».</source>
      <translation>Request(s) to join the network: {names}. Accept them in the "Network sites" tab.</translation>
    </message>
    <message>
      <source>classeur .xlsx, ou fichier CSV exporté d'un tableur ou d'i-milo</source>
      <translation>.xlsx workbook, or CSV file exported from a spreadsheet or i-milo</translation>
    </message>
    <message>
      <source>Aller à une date</source>
      <translation>Go to a date</translation>
    </message>
    <message>
      <source>Proposition illisible.</source>
      <translation>Unreadable proposal.</translation>
    </message>
    <message>
      <source>Étape inconnue.</source>
      <translation>Unknown step.</translation>
    </message>
    <message>
      <source>Indiquez au moins un jour (ex. « mar matin »).</source>
      <translation>Give at least one day (e.g. "mar matin").</translation>
    </message>
    <message>
      <source>Ce site se réserve directement : prenez le rendez-vous.</source>
      <translation>This site is booked directly: book the appointment.</translation>
    </message>
    <message>
      <source>À un autre site, la salle, la saisie a posteriori, le forçage et la deuxième personne se règlent sur ce site-là.</source>
      <translation>At another site, the room, back-office entry, forcing and the second person are set by that site.</translation>
    </message>
    <message>
      <source>Ce jeune n'est pas pointé arrivé : pointez d'abord son arrivée.</source>
      <translation>This young person is not checked in: check them in first.</translation>
    </message>
    <message>
      <source>Le coupon s'imprime une fois le rendez-vous confirmé par l'autre site.</source>
      <translation>The slip is printed once the other site has confirmed the appointment.</translation>
    </message>
    <message>
      <source>Le résultat d'une orientation se note une fois connu.</source>
      <translation>An orientation's outcome is recorded once known.</translation>
    </message>
    <message>
      <source>Cette salle n'est pas à ce site.</source>
      <translation>This room is not at this site.</translation>
    </message>
    <message>
      <source>La deuxième personne doit être quelqu'un d'autre que le conseiller.</source>
      <translation>The second person must be someone other than the counsellor.</translation>
    </message>
    <message>
      <source>Ce créneau a déjà été attribué ou écarté.</source>
      <translation>This slot was already given or set aside.</translation>
    </message>
    <message>
      <source>Demande de rendez-vous introuvable.</source>
      <translation>Booking request not found.</translation>
    </message>
    <message>
      <source>Aucun site ne porte ce code.</source>
      <translation>No site has this code.</translation>
    </message>
    <message>
      <source>Créneau libéré introuvable.</source>
      <translation>Freed slot not found.</translation>
    </message>
    <message>
      <source>Demande « plus tôt si possible » introuvable.</source>
      <translation>"Earlier if possible" request not found.</translation>
    </message>
    <message>
      <source>Cette demande « plus tôt si possible » est close.</source>
      <translation>This "earlier if possible" request is closed.</translation>
    </message>
    <message>
      <source>Ce rendez-vous a lieu aujourd'hui : il ne peut plus être avancé.</source>
      <translation>This appointment is today: it can no longer be brought forward.</translation>
    </message>
    <message>
      <source>Code : 1 à 16 lettres ou chiffres (par exemple INFO_COLL).</source>
      <translation>Code: 1 to 16 letters or digits (for example INFO_COLL).</translation>
    </message>
    <message>
      <source>Niveau de diplôme inconnu.</source>
      <translation>Unknown diploma level.</translation>
    </message>
    <message>
      <source>Choisissez un fichier .xlsx (tableur) ou .csv (autres logiciels).</source>
      <translation>Choose an .xlsx file (spreadsheet) or a .csv file (other software).</translation>
    </message>
    <message>
      <source>Donnée facultative inconnue.</source>
      <translation>Unknown optional item.</translation>
    </message>
    <message>
      <source>Libellé : 1 à 80 caractères.</source>
      <translation>Label: 1 to 80 characters.</translation>
    </message>
    <message>
      <source>Mois illisible (attendu AAAA-MM, par exemple 2027-03).</source>
      <translation>Unreadable month (expected YYYY-MM, for example 2027-03).</translation>
    </message>
    <message>
      <source>Nom de l'opération financée : 80 caractères au plus.</source>
      <translation>Name of the funded operation: 80 characters at most.</translation>
    </message>
    <message>
      <source>Résultat inconnu.</source>
      <translation>Unknown outcome.</translation>
    </message>
    <message>
      <source>Partenaire inconnu.</source>
      <translation>Unknown partner.</translation>
    </message>
    <message>
      <source>Sexe : F, M ou vide.</source>
      <translation>Sex: F, M or empty.</translation>
    </message>
    <message>
      <source>Situation inconnue.</source>
      <translation>Unknown situation.</translation>
    </message>
    <message>
      <source>Thème inconnu.</source>
      <translation>Unknown theme.</translation>
    </message>
    <message>
      <source>Semaine illisible (attendu AAAA-Wss, par exemple 2027-W10).</source>
      <translation>Unreadable week (expected YYYY-Www, for example 2027-W10).</translation>
    </message>
    <message>
      <source>Notez d'abord l'accord du jeune pour les données facultatives (ou « refus de répondre »).</source>
      <translation>First record the young person's consent to the optional items (or "declines to answer").</translation>
    </message>
    <message>
      <source>Le prochain contact doit être aujourd'hui ou plus tard.</source>
      <translation>The next contact must be today or later.</translation>
    </message>
    <message>
      <source>La situation se note au plus un mois à l'avance.</source>
      <translation>A situation is recorded at most one month ahead.</translation>
    </message>
    <message>
      <source>Une orientation se note le jour où elle est faite.</source>
      <translation>An orientation is recorded on the day it is made.</translation>
    </message>
    <message>
      <source>Cette donnée n'est pas recueillie sur ce site (réglage du responsable de site).</source>
      <translation>This item is not collected at this site (a site lead's setting).</translation>
    </message>
    <message>
      <source>Indiquez l'opération financée.</source>
      <translation>Give the funded operation.</translation>
    </message>
    <message>
      <source>Le rapport CEJ porte sur une semaine, du lundi au dimanche.</source>
      <translation>The CEJ report covers one week, Monday to Sunday.</translation>
    </message>
    <message>
      <source>La note est limitée à 300 caractères.</source>
      <translation>The note is limited to 300 characters.</translation>
    </message>
    <message>
      <source>Ce lot ne peut pas être annulé : il n'a pas été appliqué ici, ou il y a trop longtemps, ou il a déjà été annulé.</source>
      <translation>This change set cannot be undone: it was not applied here, or too long ago, or it was already undone.</translation>
    </message>
    <message>
      <source>Cette ligne concerne un autre site : elle se coche sur le poste de ce site.</source>
      <translation>This line belongs to another site: it is ticked on that site's workstation.</translation>
    </message>
    <message>
      <source>Cette orientation a été faite par un autre site.</source>
      <translation>This orientation was made by another site.</translation>
    </message>
    <message>
      <source>Cet accompagnement est suivi par un autre site.</source>
      <translation>This follow-up is run by another site.</translation>
    </message>
    <message>
      <source>Le résultat ne peut précéder l'orientation.</source>
      <translation>The outcome cannot come before the orientation.</translation>
    </message>
    <message>
      <source>Cet accompagnement est terminé : ouvrez-en un nouveau.</source>
      <translation>This follow-up has ended: open a new one.</translation>
    </message>
    <message>
      <source>Un accompagnement est déjà en cours pour ce jeune : terminez-le ou renouvelez-le.</source>
      <translation>A follow-up is already running for this young person: end it or renew it.</translation>
    </message>
    <message>
      <source>L'accompagnement a déjà été renouvelé : terminez-le, avec ou sans suivi allégé.</source>
      <translation>The follow-up was already renewed: end it, with or without light follow-up.</translation>
    </message>
    <message>
      <source>Ce lot ne peut pas être annulé : des données enregistrées ici depuis utilisent des lignes qu'il a créées. Rien n'a été modifié.</source>
      <translation>This change set cannot be undone: data recorded here since then uses rows it created. Nothing was changed.</translation>
    </message>
    <message>
      <source>Type d'action inconnu.</source>
      <translation>Unknown kind of action.</translation>
    </message>
    <message>
      <source>Ligne introuvable (rendez-vous ou inscription supprimé ?).</source>
      <translation>Line not found (appointment or registration deleted?).</translation>
    </message>
    <message>
      <source>Aucun type de rendez-vous ni d'atelier n'est rattaché à cette opération : rattachez-les dans Rapports → Barème et financements.</source>
      <translation>No appointment or workshop type is linked to this operation: link them in Reports → Scale and funding.</translation>
    </message>
    <message>
      <source>Orientation introuvable.</source>
      <translation>Orientation not found.</translation>
    </message>
    <message>
      <source>Accompagnement introuvable.</source>
      <translation>Follow-up not found.</translation>
    </message>
    <message>
      <source>Situation introuvable.</source>
      <translation>Situation not found.</translation>
    </message>
    <message>
      <source>Indiquez le prénom et le nom de l'administrateur (« Prénom Nom »).</source>
      <translation>Give the administrator's first and last name ("First Last").</translation>
    </message>
    <message>
      <source>Horaires illisibles (attendu par exemple « 09:00-12:30 13:30-17:30 », « journée », « matin » ou vide).</source>
      <translation>Unreadable hours (expected for example "09:00-12:30 13:30-17:30", "journée", "matin" or empty).</translation>
    </message>
    <message>
      <source>Calendrier des jours fériés inconnu.</source>
      <translation>Unknown public holiday calendar.</translation>
    </message>
    <message>
      <source>Phrase secrète incorrecte pour ce réseau : rien n'a été échangé.</source>
      <translation>Wrong passphrase for this network: nothing was exchanged.</translation>
    </message>
    <message>
      <source>Le code personnel doit comporter uniquement des chiffres, en nombre suffisant.</source>
      <translation>The personal code must be made of digits only, enough of them.</translation>
    </message>
    <message>
      <source>Rôle inconnu (conseiller, chargé(e) d'accueil, responsable de site, administrateur ou partenaire).</source>
      <translation>Unknown role (counsellor, receptionist, site lead, administrator or partner).</translation>
    </message>
    <message>
      <source>Ce fichier n'est pas un classeur .xlsx lisible : enregistrez-le au format .xlsx ou CSV depuis le tableur.</source>
      <translation>This file is not a readable .xlsx workbook: save it as .xlsx or CSV from the spreadsheet.</translation>
    </message>
    <message>
      <source>Ce code de site est déjà pris dans ce réseau : choisissez-en un autre.</source>
      <translation>This site code is already taken in this network: choose another one.</translation>
    </message>
    <message>
      <source>Ce dossier est celui d'un réseau de démonstration (données fictives) : un site réel ne le rejoint pas.</source>
      <translation>This folder belongs to a demonstration network (fictitious data): a real site does not join it.</translation>
    </message>
    <message>
      <source>Ce site a déjà des comptes : un administrateur crée les suivants.</source>
      <translation>This site already has accounts: an administrator creates the next ones.</translation>
    </message>
    <message>
      <source>Compte verrouillé après trop de codes erronés : réessayez plus tard, ou demandez à un administrateur de le déverrouiller.</source>
      <translation>Account locked after too many wrong codes: try again later, or ask an administrator to unlock it.</translation>
    </message>
    <message>
      <source>Le fichier du réseau dans le dossier de synchronisation est illisible.</source>
      <translation>The network file in the sync folder cannot be read.</translation>
    </message>
    <message>
      <source>Cette personne n'a pas de compte (partenaire).</source>
      <translation>This person has no account (partner).</translation>
    </message>
    <message>
      <source>Ce dossier n'est pas encore celui d'un réseau : le premier site s'y synchronise d'abord, puis les autres le rejoignent.</source>
      <translation>This folder is not a network yet: the first site syncs there first, then the others join it.</translation>
    </message>
    <message>
      <source>Ce réseau chiffre ses échanges : indiquez sa phrase secrète. Rien n'a été échangé.</source>
      <translation>This network encrypts its exchanges: give its passphrase. Nothing was exchanged.</translation>
    </message>
    <message>
      <source>Ce site ne peut pas être accepté dans le réseau.</source>
      <translation>This site cannot be accepted into the network.</translation>
    </message>
    <message>
      <source>Ce fichier est au format Excel 97-2003 (.xls), qui n'est pas lu : enregistrez-le au format .xlsx ou CSV.</source>
      <translation>This file is in Excel 97-2003 format (.xls), which is not read: save it as .xlsx or CSV.</translation>
    </message>
    <message>
      <source>Ce dossier est celui d'un autre réseau que celui de ce site : rien n'a été échangé. Vérifiez le dossier choisi.</source>
      <translation>This folder belongs to another network than this site's: nothing was exchanged. Check the folder chosen.</translation>
    </message>
    <message>
      <source>Ce réseau ne chiffre pas ses échanges : synchronisez sans phrase secrète. Rien n'a été échangé.</source>
      <translation>This network does not encrypt its exchanges: sync without a passphrase. Nothing was exchanged.</translation>
    </message>
    <message>
      <source>Un site ne se retire pas lui-même du réseau.</source>
      <translation>A site does not remove itself from the network.</translation>
    </message>
    <message>
      <source>Choisissez un code différent du code provisoire.</source>
      <translation>Choose a code different from the temporary one.</translation>
    </message>
    <message>
      <source>Le classeur a trop de lignes.</source>
      <translation>The workbook has too many rows.</translation>
    </message>
    <message>
      <source>Ce fichier a trop de lignes pour une liste du personnel d'un site : vérifiez le fichier choisi.</source>
      <translation>This file has too many rows for a site's staff list: check the file chosen.</translation>
    </message>
    <message>
      <source>Ce code est trop facile à deviner (chiffres tous identiques ou qui se suivent) : choisissez-en un autre.</source>
      <translation>This code is too easy to guess (all the same digit, or digits in a row): choose another one.</translation>
    </message>
    <message>
      <source>{n} rendez-vous tombent sur un jour férié : à déplacer ou annuler.</source>
      <translation>{n} appointment(s) fall on a public holiday: move or cancel them.</translation>
    </message>
    <message>
      <source>Le nouveau calendrier des jours fériés touche {n} rendez-vous déjà pris.</source>
      <translation>The new public holiday calendar affects {n} appointment(s) already booked.</translation>
    </message>
    <message>
      <source>Dans « Nouveau rendez-vous »</source>
      <translation>In "New appointment"</translation>
    </message>
    <message>
      <source>Déplacer le rendez-vous sélectionné (puis la case, Entrée)</source>
      <translation>Move the selected appointment (then the cell, Enter)</translation>
    </message>
    <message>
      <source>Enregistrer les modifications</source>
      <translation>Save the changes</translation>
    </message>
    <message>
      <source>Enregistrer les modifications du dossier</source>
      <translation>Save the changes to the file</translation>
    </message>
    <message>
      <source>Imprimer la liste d'appels</source>
      <translation>Print the call list</translation>
    </message>
    <message>
      <source>Jour précédent</source>
      <translation>Previous day</translation>
    </message>
    <message>
      <source>Jour suivant</source>
      <translation>Next day</translation>
    </message>
    <message>
      <source>Pointer l'arrivée de la personne sélectionnée</source>
      <translation>Check in the selected person</translation>
    </message>
    <message>
      <source>Prendre le rendez-vous sélectionné</source>
      <translation>Book the selected slot</translation>
    </message>
    <message>
      <source>Prendre un rendez-vous</source>
      <translation>Book an appointment</translation>
    </message>
    <message>
      <source>Rechercher un autre jeune</source>
      <translation>Search for another young person</translation>
    </message>
    <message>
      <source>Revenir à aujourd'hui</source>
      <translation>Back to today</translation>
    </message>
    <message>
      <source>Revenir à cette semaine</source>
      <translation>Back to this week</translation>
    </message>
    <message>
      <source>Réserver le créneau sélectionné (Entrée dans la liste, ou {keys})</source>
      <translation>Book the selected slot (Enter in the list, or {keys})</translation>
    </message>
    <message>
      <source>Sur cette page : {page}</source>
      <translation>On this page: {page}</translation>
    </message>
    <message>
      <source>Un jeune venu sans rendez-vous rejoint la file</source>
      <translation>A young person without an appointment joins the queue</translation>
    </message>
    <message>
      <source>actions du rendez-vous sélectionné</source>
      <translation>actions of the selected appointment</translation>
    </message>
    <message>
      <source>aller de case en case</source>
      <translation>move from cell to cell</translation>
    </message>
    <message>
      <source>choisir le rendez-vous</source>
      <translation>choose the appointment</translation>
    </message>
    <message>
      <source>cocher (ou décocher) l'appel de la ligne sélectionnée</source>
      <translation>tick (or untick) the call of the selected line</translation>
    </message>
    <message>
      <source>créer la fiche d'un nouveau jeune</source>
      <translation>create a new young person's record</translation>
    </message>
    <message>
      <source>dans la liste : pointer l'arrivée de la personne sélectionnée</source>
      <translation>in the list: check in the selected person</translation>
    </message>
    <message>
      <source>dans la recherche : inscrire le premier jeune trouvé</source>
      <translation>in the search: register the first young person found</translation>
    </message>
    <message>
      <source>dans les créneaux : prendre le rendez-vous</source>
      <translation>in the slots: book the appointment</translation>
    </message>
    <message>
      <source>dans les inscrits : {marks}, puis la personne suivante</source>
      <translation>in the registered list: {marks}, then the next person</translation>
    </message>
    <message>
      <source>double-clic</source>
      <translation>double-click</translation>
    </message>
    <message>
      <source>du filtre à la liste</source>
      <translation>from the filter to the list</translation>
    </message>
    <message>
      <source>déplacer : choisir la case avec les flèches, puis Entrée (Échap pour renoncer)</source>
      <translation>move: choose the cell with the arrows, then Enter (Esc to give up)</translation>
    </message>
    <message>
      <source>fermer sans rien enregistrer</source>
      <translation>close without saving anything</translation>
    </message>
    <message>
      <source>flèches</source>
      <translation>arrows</translation>
    </message>
    <message>
      <source>le premier jeune trouvé (↓ pour un autre)</source>
      <translation>the first young person found (↓ for another one)</translation>
    </message>
    <message>
      <source>lettres du nom puis Entrée</source>
      <translation>letters of the name then Enter</translation>
    </message>
    <message>
      <source>lettres puis Entrée</source>
      <translation>letters then Enter</translation>
    </message>
    <message>
      <source>ouvrir le dossier du jeune</source>
      <translation>open the young person's file</translation>
    </message>
    <message>
      <source>pointer l'arrivée de la première personne attendue</source>
      <translation>check in the first person expected</translation>
    </message>
    <message>
      <source>prendre le rendez-vous du créneau sélectionné</source>
      <translation>book the selected slot</translation>
    </message>
    <message>
      <source>quitter la grille pour la commande suivante</source>
      <translation>leave the grid for the next control</translation>
    </message>
    <message>
      <source>sur le type, le conseiller ou la date : aller aux créneaux</source>
      <translation>on the type, the counsellor or the date: go to the slots</translation>
    </message>
    <message>
      <source>sur une case libre : un rendez-vous à cette heure ; sur un rendez-vous : ses actions</source>
      <translation>on a free cell: an appointment at that time; on an appointment: its actions</translation>
    </message>
    <message>
      <source>écrire la note du rendez-vous sélectionné</source>
      <translation>write the note of the selected appointment</translation>
    </message>
    <message>
      <source>Classeur .xlsx, pour un tableur (Excel, LibreOffice)</source>
      <translation>Workbook .xlsx, for a spreadsheet (Excel, LibreOffice)</translation>
    </message>
    <message>
      <source> ; « journée », « matin », « après-midi »</source>
      <translation> or “journée” (all day), “matin” (morning), “après-midi” (afternoon)</translation>
    </message>
    <message>
      <source>Horaires du {day} illisibles : « {text} » (attendu par exemple 09:00-12:30, 13:30-17:30{words}).</source>
      <translation>Hours for {day} unreadable: “{text}” (expected for example 09:00-12:30, 13:30-17:30{words}).</translation>
    </message>
    <message>
      <source>Horaires du {day} : {problem}</source>
      <translation>Hours for {day}: {problem}</translation>
    </message>
    <message>
      <source>ajouté</source>
      <translation>added</translation>
    </message>
    <message>
      <source>Code provisoire de {name} : {pin}
Remettez-le en main propre (il ne sera plus affiché) ; la personne choisira son propre code à sa première connexion.</source>
      <translation>One-time code for {name}: {pin}
Hand it over in person (it will not be shown again); they will choose their own code at their first login.</translation>
    </message>
    <message>
      <source>suivi allégé</source>
      <translation>lighter follow-up</translation>
    </message>
    <message>
      <source>mois {n}/{total}</source>
      <translation>month {n}/{total}</translation>
    </message>
    <message>
      <source> (échu)</source>
      <translation> (overdue)</translation>
    </message>
    <message>
      <source>terminé le {date}</source>
      <translation>ended on {date}</translation>
    </message>
    <message>
      <source>{label} ({hours} h CEJ)</source>
      <translation>{label} ({hours} h CEJ)</translation>
    </message>
    <message>
      <source>Orientations par partenaire</source>
      <translation>Referrals by partner</translation>
    </message>
    <message>
      <source>Messages</source>
      <translation>Messages</translation>
    </message>
    <message>
      <source>Annuler : {what}</source>
      <translation>Undo: {what}</translation>
    </message>
    <message>
      <source>Annulé : {what}.</source>
      <translation>Undone: {what}.</translation>
    </message>
    <message>
      <source>Derniers messages</source>
      <translation>Recent messages</translation>
    </message>
    <message>
      <source>Masquer le message</source>
      <translation>Hide the message</translation>
    </message>
    <message>
      <source>Rétabli : {what}.</source>
      <translation>Redone: {what}.</translation>
    </message>
    <message>
      <source>Rétablir : {what}</source>
      <translation>Redo: {what}</translation>
    </message>
    <message>
      <source>arrivée de {name} sans rendez-vous</source>
      <translation>walk-in of {name}</translation>
    </message>
    <message>
      <source>déplacement du rendez-vous de {name} ({before} → {after})</source>
      <translation>move of {name}'s appointment ({before} → {after})</translation>
    </message>
    <message>
      <source>prise de rendez-vous</source>
      <translation>booking</translation>
    </message>
    <message>
      <source>rendez-vous de {name} le {date} à {time}</source>
      <translation>appointment of {name} on {date} at {time}</translation>
    </message>
    <message>
      <source>rendez-vous de {name} à {time} (il/elle revient)</source>
      <translation>appointment of {name} at {time} (coming back)</translation>
    </message>
    <message>
      <source>« {status} » pour {name}</source>
      <translation>"{status}" for {name}</translation>
    </message>
    <message>
      <source>Nouveau rendez-&amp;vous…</source>
      <translation>&amp;Book an appointment…</translation>
    </message>
    <message>
      <source>Prendre un rendez-vous pour ce jeune</source>
      <translation>Book an appointment for this young person</translation>
    </message>
    <message>
      <source>Rendez-&amp;vous pour ce jeune…</source>
      <translation>&amp;Book for this young person…</translation>
    </message>
    <message>
      <source>Prendre un rendez-vous pour le jeune sélectionné</source>
      <translation>Book an appointment for the selected young person</translation>
    </message>
    <message>
      <source>Prendre (ou reprendre) un rendez-vous pour le jeune sélectionné</source>
      <translation>Book (or rebook) an appointment for the selected young person</translation>
    </message>
    <message>
      <source>&lt;b&gt;À prévenir d'un changement&lt;/b&gt; (absence, fermeture, jour férié) : {n} jeune(s) à appeler, puis déplacer ou annuler leur rendez-vous.</source>
      <translation>&lt;b&gt;To tell about a change&lt;/b&gt; (absence, closure, public holiday): {n} young person(s) to call, then move or cancel their appointment.</translation>
    </message>
    <message>
      <source>Absence enregistrée : aucun rendez-vous n'est touché.</source>
      <translation>Absence saved: no appointment is affected.</translation>
    </message>
    <message>
      <source>Absence enregistrée. {n} rendez-vous sont à déplacer, passer au téléphone ou annuler.</source>
      <translation>Absence saved. {n} appointment(s) to move, switch to the phone or cancel.</translation>
    </message>
    <message>
      <source>Ajouter à la liste d'a&amp;ppels</source>
      <translation>Add to the &amp;call list</translation>
    </message>
    <message>
      <source>Chercher un autre créneau pour ce rendez-vous (même jeune, même type)</source>
      <translation>Find another slot for this appointment (same young person, same type)</translation>
    </message>
    <message>
      <source>Dé&amp;placer ici</source>
      <translation>&amp;Move here</translation>
    </message>
    <message>
      <source>Déplacer le rendez-vous de {name} ({when})</source>
      <translation>Move {name}'s appointment ({when})</translation>
    </message>
    <message>
      <source>Déplacer, passer au téléphone, annuler ou mettre sur la liste d'appels</source>
      <translation>Move, switch to the phone, cancel or put on the call list</translation>
    </message>
    <message>
      <source>Fermeture ajoutée : aucun rendez-vous n'est touché.</source>
      <translation>Closure added: no appointment is affected.</translation>
    </message>
    <message>
      <source>Fermeture ajoutée. {n} rendez-vous sont à déplacer, passer au téléphone ou annuler.</source>
      <translation>Closure added. {n} appointment(s) to move, switch to the phone or cancel.</translation>
    </message>
    <message>
      <source>Jeunes à prévenir d'un changement</source>
      <translation>Young people to tell about a change</translation>
    </message>
    <message>
      <source>L'absence de {name} touche {n} rendez-vous déjà pris.</source>
      <translation>{name}'s absence affects {n} appointment(s) already booked.</translation>
    </message>
    <message>
      <source>L'accueil appelle le jeune pour le prévenir et lui proposer un autre rendez-vous</source>
      <translation>Reception calls the young person to tell them and offer another appointment</translation>
    </message>
    <message>
      <source>La fermeture du site touche {n} rendez-vous déjà pris.</source>
      <translation>The site's closure affects {n} appointment(s) already booked.</translation>
    </message>
    <message>
      <source>Le site est fermé mais le conseiller travaille : l'entretien se fait par téléphone</source>
      <translation>The site is closed but the counsellor works: the interview takes place by phone</translation>
    </message>
    <message>
      <source>Passer au &amp;téléphone</source>
      <translation>Switch to the &amp;phone</translation>
    </message>
    <message>
      <source>Raison</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>Rendez-vous de {name} déplacé : {when} avec {who}</source>
      <translation>{name}'s appointment moved: {when} with {who}</translation>
    </message>
    <message>
      <source>Rendez-vous à traiter</source>
      <translation>Appointments to deal with</translation>
    </message>
    <message>
      <source>Tout est traité : il ne reste aucun rendez-vous à déplacer.</source>
      <translation>All dealt with: no appointment left to move.</translation>
    </message>
    <message>
      <source>Tra&amp;iter…</source>
      <translation>Deal w&amp;ith…</translation>
    </message>
    <message>
      <source>absence de {who}</source>
      <translation>{who} absent</translation>
    </message>
    <message>
      <source>appelé(e) par {who}</source>
      <translation>called by {who}</translation>
    </message>
    <message>
      <source>jour férié</source>
      <translation>public holiday</translation>
    </message>
    <message>
      <source>site fermé</source>
      <translation>site closed</translation>
    </message>
    <message>
      <source>{n} jeune(s) ajouté(s) à la liste d'appels (page « Appels de rappel »).</source>
      <translation>{n} young person(s) added to the call list ("Reminder calls" page).</translation>
    </message>
    <message>
      <source>{n} rendez-vous passé(s) au téléphone : le bureau est libéré.</source>
      <translation>{n} appointment(s) switched to the phone: the office is free.</translation>
    </message>
    <message>
      <source>{todo} rendez-vous à traiter, {calls} sur la liste d'appels.</source>
      <translation>{todo} appointment(s) to deal with, {calls} on the call list.</translation>
    </message>
    <message>
      <source>☎ sur la liste d'appels</source>
      <translation>☎ on the call list</translation>
    </message>
    <message>
      <source>☎ {n} sur la liste d'appels.</source>
      <translation>☎ {n} on the call list.</translation>
    </message>
    <message>
      <source>⚠ {n} rendez-vous de ce jour sont touchés par une absence, une fermeture ou un jour férié.</source>
      <translation>⚠ {n} appointment(s) of this day are affected by an absence, a closure or a public holiday.</translation>
    </message>
    <message>
      <source>⚠ à traiter</source>
      <translation>⚠ to deal with</translation>
    </message>
    <message>
      <source>⚠ à traiter : {why}</source>
      <translation>⚠ to deal with: {why}</translation>
    </message>
    <message>
      <source>Page &amp;entière</source>
      <translation>&amp;Whole page</translation>
    </message>
    <message>
      <source>Voir la page entière</source>
      <translation>See the whole page</translation>
    </message>
    <message>
      <source>&amp;Largeur</source>
      <translation>&amp;Width</translation>
    </message>
    <message>
      <source>La page sur toute la largeur de la fenêtre</source>
      <translation>The page across the whole window</translation>
    </message>
    <message>
      <source>La fin doit suivre le début.</source>
      <translation>The end must come after the start.</translation>
    </message>
    <message>
      <source>Il faut commencer et finir le même jour.</source>
      <translation>It must start and end on the same day.</translation>
    </message>
    <message>
      <source>L'heure {start} n'existe pas ce jour-là (passage à l'heure d'été).</source>
      <translation>{start} does not exist that day (clocks go forward).</translation>
    </message>
    <message>
      <source>Cette heure n'existe pas ce jour-là (passage à l'heure d'été).</source>
      <translation>That time does not exist that day (clocks go forward).</translation>
    </message>
    <message>
      <source>Le {start_date} à {start} est déjà passé : seule une saisie a posteriori (back-office) le permet.</source>
      <translation>{start_date} at {start} is already past: only a back-office entry allows it.</translation>
    </message>
    <message>
      <source>Ce moment est déjà passé : seule une saisie a posteriori (back-office) le permet.</source>
      <translation>That time is already past: only a back-office entry allows it.</translation>
    </message>
    <message>
      <source>Le {day} est un jour férié ({holiday}).</source>
      <translation>{day} is a public holiday ({holiday}).</translation>
    </message>
    <message>
      <source>Ce jour est un jour férié.</source>
      <translation>That day is a public holiday.</translation>
    </message>
    <message>
      <source>Le site est fermé le {day} ({reason}).</source>
      <translation>The site is closed on {day} ({reason}).</translation>
    </message>
    <message>
      <source>Le site est fermé le {day}.</source>
      <translation>The site is closed on {day}.</translation>
    </message>
    <message>
      <source>Le site est fermé ce jour-là.</source>
      <translation>The site is closed that day.</translation>
    </message>
    <message>
      <source>{start}–{end} est en dehors des horaires d'ouverture du {weekday_of_day} ({hours}).</source>
      <translation>{start}–{end} is outside the opening hours on {weekday_of_day} ({hours}).</translation>
    </message>
    <message>
      <source>Ce créneau est en dehors des horaires d'ouverture du site.</source>
      <translation>That slot is outside the site's opening hours.</translation>
    </message>
    <message>
      <source>{name} ne travaille pas de {start} à {end} le {weekday_of_day} ({hours}).</source>
      <translation>{name} does not work from {start} to {end} on {weekday_of_day} ({hours}).</translation>
    </message>
    <message>
      <source>Le conseiller ne travaille pas à ce moment-là.</source>
      <translation>The counsellor does not work at that time.</translation>
    </message>
    <message>
      <source>{name} est absent(e) du {start_date} {start} au {end_date} {end} ({reason}).</source>
      <translation>{name} is away from {start_date} {start} to {end_date} {end} ({reason}).</translation>
    </message>
    <message>
      <source>{name} est absent(e) du {start_date} {start} au {end_date} {end}.</source>
      <translation>{name} is away from {start_date} {start} to {end_date} {end}.</translation>
    </message>
    <message>
      <source>Le conseiller est absent à ce moment-là.</source>
      <translation>The counsellor is away at that time.</translation>
    </message>
    <message>
      <source>{name} ne reçoit pas de jeunes en rendez-vous.</source>
      <translation>{name} does not see young people by appointment.</translation>
    </message>
    <message>
      <source>Cette personne ne reçoit pas de jeunes en rendez-vous.</source>
      <translation>This person does not see young people by appointment.</translation>
    </message>
    <message>
      <source>La salle « {room} » n'est plus en service.</source>
      <translation>Room "{room}" is no longer in use.</translation>
    </message>
    <message>
      <source>Cette salle n'est plus en service.</source>
      <translation>This room is no longer in use.</translation>
    </message>
    <message>
      <source>La salle « {room} » accueille {capacity} personne(s) au plus ({needed} attendues).</source>
      <translation>Room "{room}" holds {capacity} people at most ({needed} expected).</translation>
    </message>
    <message>
      <source>La salle est trop petite.</source>
      <translation>The room is too small.</translation>
    </message>
    <message>
      <source>La salle « {room} » n'est pas accessible en fauteuil roulant, or {youth} en a besoin.</source>
      <translation>Room "{room}" is not wheelchair accessible, and {youth} needs it.</translation>
    </message>
    <message>
      <source>Cette salle n'est pas accessible en fauteuil roulant.</source>
      <translation>This room is not wheelchair accessible.</translation>
    </message>
    <message>
      <source>{youth} a déjà {kind} de {start} à {end} avec {with_whom}.</source>
      <translation>{youth} already has {kind} from {start} to {end} with {with_whom}.</translation>
    </message>
    <message>
      <source>Ce jeune a déjà un rendez-vous ou un atelier à ce moment-là.</source>
      <translation>This young person already has an appointment or a workshop at that time.</translation>
    </message>
    <message>
      <source>{name} a déjà {kind} de {start} à {end}.</source>
      <translation>{name} already has {kind} from {start} to {end}.</translation>
    </message>
    <message>
      <source>Le conseiller a déjà un rendez-vous à ce moment-là.</source>
      <translation>The counsellor already has an appointment at that time.</translation>
    </message>
    <message>
      <source>La salle « {room} » est déjà occupée de {start} à {end}.</source>
      <translation>Room "{room}" is already taken from {start} to {end}.</translation>
    </message>
    <message>
      <source>La salle est déjà occupée à ce moment-là.</source>
      <translation>The room is already taken at that time.</translation>
    </message>
    <message>
      <source>Aucun conseiller n'est libre le {start_date} à {start}.</source>
      <translation>No counsellor is free on {start_date} at {start}.</translation>
    </message>
    <message>
      <source>Aucun conseiller n'est libre à ce moment-là.</source>
      <translation>No counsellor is free at that time.</translation>
    </message>
    <message>
      <source>Aucun bureau n'est libre le {start_date} de {start} à {end}.</source>
      <translation>No office is free on {start_date} from {start} to {end}.</translation>
    </message>
    <message>
      <source>Aucun bureau n'est libre à ce moment-là.</source>
      <translation>No office is free at that time.</translation>
    </message>
    <message>
      <source>Aucun bureau du site ne convient à ce rendez-vous.</source>
      <translation>No office of the site suits this appointment.</translation>
    </message>
    <message>
      <source>Un rendez-vous réunit de 1 à 6 personnes en plus du conseiller.</source>
      <translation>An appointment brings together 1 to 6 people besides the counsellor.</translation>
    </message>
    <message>
      <source>Le nombre de créneaux doit être compris entre 1 et 200.</source>
      <translation>The number of slots must be between 1 and 200.</translation>
    </message>
    <message>
      <source>Seul un rendez-vous encore prévu peut être déplacé.</source>
      <translation>Only an appointment still booked can be moved.</translation>
    </message>
    <message>
      <source>Le basculement se fait vers le téléphone, la visio ou hors les murs.</source>
      <translation>Appointments can be switched to phone, video or outside only.</translation>
    </message>
    <message>
      <source>Le rendez-vous est déjà « {current} ».</source>
      <translation>The appointment is already "{current}".</translation>
    </message>
    <message>
      <source>Le rendez-vous a déjà ce statut.</source>
      <translation>The appointment already has that status.</translation>
    </message>
    <message>
      <source>Impossible de passer un rendez-vous « {current} » à « {new} ».</source>
      <translation>An appointment cannot go from "{current}" to "{new}".</translation>
    </message>
    <message>
      <source>Ce changement de statut n'est pas possible.</source>
      <translation>That change of status is not possible.</translation>
    </message>
    <message>
      <source>Seul le conseiller du rendez-vous (ou un responsable de site) peut faire cette saisie.</source>
      <translation>Only the appointment's counsellor (or a site lead) can record this.</translation>
    </message>
    <message>
      <source>Ce rendez-vous n'a pas encore commencé.</source>
      <translation>This appointment has not started yet.</translation>
    </message>
    <message>
      <source>On ne peut pointer l'arrivée que le jour du rendez-vous.</source>
      <translation>Arrival can only be checked in on the day of the appointment.</translation>
    </message>
    <message>
      <source>Indiquez le motif.</source>
      <translation>Give the reason.</translation>
    </message>
    <message>
      <source>Issue possible : reçu, absent ou excusé.</source>
      <translation>Possible outcomes: seen, no-show or excused.</translation>
    </message>
    <message>
      <source>Ce rendez-vous est introuvable.</source>
      <translation>This appointment cannot be found.</translation>
    </message>
    <message>
      <source>Cela appartient au site {site} : seul ce site peut le modifier.</source>
      <translation>This belongs to site {site}: only that site can change it.</translation>
    </message>
    <message>
      <source>Cela appartient à un autre site : seul ce site peut le modifier.</source>
      <translation>This belongs to another site: only that site can change it.</translation>
    </message>
    <message>
      <source>En tant que {role}, {name} ne peut pas {perm}.</source>
      <translation>As a {role}, {name} may not {perm}.</translation>
    </message>
    <message>
      <source>Votre rôle ne permet pas de faire cela.</source>
      <translation>Your role does not allow this.</translation>
    </message>
    <message>
      <source>Aucun conseiller n'est disponible d'ici la fermeture pour ce type d'entretien : proposez un rendez-vous un autre jour.</source>
      <translation>No counsellor is available before closing for this type of interview: offer an appointment on another day.</translation>
    </message>
    <message>
      <source>Le créneau proposé vient d'être pris : {counsellor} peut recevoir {youth} à {start}. Confirmez à nouveau.</source>
      <translation>The slot offered has just been taken: {counsellor} can see {youth} at {start}. Confirm again.</translation>
    </message>
    <message>
      <source>Le créneau proposé vient d'être pris : confirmez à nouveau.</source>
      <translation>The slot offered has just been taken: confirm again.</translation>
    </message>
    <message>
      <source>« {type} » se fait à distance : un jeune venu sur place est reçu en entretien sur site.</source>
      <translation>"{type}" is held remotely: a young person who came in is seen on site.</translation>
    </message>
    <message>
      <source>Ce type d'entretien se fait à distance.</source>
      <translation>This type of interview is held remotely.</translation>
    </message>
    <message>
      <source>Ce rendez-vous n'est plus prévu : rien à annoncer au jeune.</source>
      <translation>This appointment is no longer booked: nothing to tell the young person.</translation>
    </message>
    <message>
      <source>Ce rendez-vous n'est pas sur la liste d'appels.</source>
      <translation>This appointment is not on the call list.</translation>
    </message>
    <message>
      <source>Choisissez au moins un rendez-vous.</source>
      <translation>Choose at least one appointment.</translation>
    </message>
    <message>
      <source>Aucun jeune ne correspond à « {key} ».</source>
      <translation>No young person matches "{key}".</translation>
    </message>
    <message>
      <source>Ce jeune est introuvable.</source>
      <translation>This young person cannot be found.</translation>
    </message>
    <message>
      <source>Ce jeune existe probablement déjà : {names}.</source>
      <translation>This young person probably exists already: {names}.</translation>
    </message>
    <message>
      <source>Ce jeune existe probablement déjà.</source>
      <translation>This young person probably exists already.</translation>
    </message>
    <message>
      <source>Date de naissance impossible : {date}.</source>
      <translation>Impossible birth date: {date}.</translation>
    </message>
    <message>
      <source>Date de naissance impossible.</source>
      <translation>Impossible birth date.</translation>
    </message>
    <message>
      <source>Ce numéro ressemble à un numéro de sécurité sociale : mlplanner ne doit jamais l'enregistrer.</source>
      <translation>This number looks like a social security number: mlplanner must never store it.</translation>
    </message>
    <message>
      <source>Identifiant externe invalide : « {value} ».</source>
      <translation>Invalid external id: "{value}".</translation>
    </message>
    <message>
      <source>Identifiant externe invalide.</source>
      <translation>Invalid external id.</translation>
    </message>
    <message>
      <source>Les deux fiches ont un rendez-vous en même temps : annulez l'un des deux avant de fusionner.</source>
      <translation>Both records have an appointment at the same time: cancel one of them before merging.</translation>
    </message>
    <message>
      <source>Choisissez deux fiches différentes.</source>
      <translation>Choose two different records.</translation>
    </message>
    <message>
      <source>Numéro de téléphone invalide : « {value} ».</source>
      <translation>Invalid phone number: "{value}".</translation>
    </message>
    <message>
      <source>Numéro de téléphone invalide.</source>
      <translation>Invalid phone number.</translation>
    </message>
    <message>
      <source>Adresse e-mail invalide : « {value} ».</source>
      <translation>Invalid e-mail address: "{value}".</translation>
    </message>
    <message>
      <source>Adresse e-mail invalide.</source>
      <translation>Invalid e-mail address.</translation>
    </message>
    <message>
      <source>Le {what} est obligatoire.</source>
      <translation>The {what} is required.</translation>
    </message>
    <message>
      <source>Ce nom est obligatoire.</source>
      <translation>This name is required.</translation>
    </message>
    <message>
      <source>Le {what} est trop long (80 caractères au plus).</source>
      <translation>The {what} is too long (80 characters at most).</translation>
    </message>
    <message>
      <source>Ce nom est trop long (80 caractères au plus).</source>
      <translation>This name is too long (80 characters at most).</translation>
    </message>
    <message>
      <source>Le {what} ne peut pas contenir de numéro.</source>
      <translation>The {what} may not contain a number.</translation>
    </message>
    <message>
      <source>Un nom ne peut pas contenir de numéro.</source>
      <translation>A name may not contain a number.</translation>
    </message>
    <message>
      <source>Date illisible : « {value} » (attendu jj/mm/aaaa).</source>
      <translation>Unreadable date: "{value}" (expected dd/mm/yyyy).</translation>
    </message>
    <message>
      <source>Date illisible (attendu jj/mm/aaaa).</source>
      <translation>Unreadable date (expected dd/mm/yyyy).</translation>
    </message>
    <message>
      <source>Date hors limites : {value} (années {first} à {last}).</source>
      <translation>Date out of range: {value} (years {first} to {last}).</translation>
    </message>
    <message>
      <source>Date hors limites (années 1900 à 2200).</source>
      <translation>Date out of range (years 1900 to 2200).</translation>
    </message>
    <message>
      <source>Heure illisible : « {value} » (attendu hh:mm).</source>
      <translation>Unreadable time: "{value}" (expected hh:mm).</translation>
    </message>
    <message>
      <source>Heure illisible (attendu hh:mm).</source>
      <translation>Unreadable time (expected hh:mm).</translation>
    </message>
    <message>
      <source>Date et heure illisibles : « {value} ».</source>
      <translation>Unreadable date and time: "{value}".</translation>
    </message>
    <message>
      <source>Date et heure illisibles.</source>
      <translation>Unreadable date and time.</translation>
    </message>
    <message>
      <source>Fuseau horaire inconnu : « {value} ».</source>
      <translation>Unknown time zone: "{value}".</translation>
    </message>
    <message>
      <source>Fuseau horaire inconnu.</source>
      <translation>Unknown time zone.</translation>
    </message>
    <message>
      <source>Valeur illisible (oui ou non).</source>
      <translation>Unreadable value (yes or no).</translation>
    </message>
    <message>
      <source>Dispositif inconnu (CEJ, PACEA ou vide).</source>
      <translation>Unknown programme (CEJ, PACEA or empty).</translation>
    </message>
    <message>
      <source>Des colonnes attendues manquent dans le fichier.</source>
      <translation>Some expected columns are missing from the file.</translation>
    </message>
    <message>
      <source>Le fichier est vide.</source>
      <translation>The file is empty.</translation>
    </message>
    <message>
      <source>Indiquez un fichier.</source>
      <translation>Choose a file.</translation>
    </message>
    <message>
      <source>Ce fichier est illisible.</source>
      <translation>This file cannot be read.</translation>
    </message>
    <message>
      <source>Export inconnu.</source>
      <translation>Unknown export.</translation>
    </message>
    <message>
      <source>Impossible d'écrire ce fichier.</source>
      <translation>This file cannot be written.</translation>
    </message>
    <message>
      <source>Exportez au plus une année à la fois.</source>
      <translation>Export at most one year at a time.</translation>
    </message>
    <message>
      <source>Aucun membre du personnel ne s'appelle « {key} ».</source>
      <translation>No staff member is called "{key}".</translation>
    </message>
    <message>
      <source>Membre du personnel introuvable.</source>
      <translation>Staff member not found.</translation>
    </message>
    <message>
      <source>« {key} » désigne plusieurs personnes : {names}.</source>
      <translation>"{key}" matches several people: {names}.</translation>
    </message>
    <message>
      <source>Ce nom désigne plusieurs personnes.</source>
      <translation>This name matches several people.</translation>
    </message>
    <message>
      <source>Indiquez un membre du personnel.</source>
      <translation>Choose a staff member.</translation>
    </message>
    <message>
      <source>Cette personne n'est plus en activité.</source>
      <translation>This person no longer works here.</translation>
    </message>
    <message>
      <source>Aucune salle ne s'appelle « {key} ».</source>
      <translation>No room is called "{key}".</translation>
    </message>
    <message>
      <source>Salle introuvable.</source>
      <translation>Room not found.</translation>
    </message>
    <message>
      <source>Type de rendez-vous inconnu : « {key} ».</source>
      <translation>Unknown appointment type: "{key}".</translation>
    </message>
    <message>
      <source>Type de rendez-vous inconnu.</source>
      <translation>Unknown appointment type.</translation>
    </message>
    <message>
      <source>Une salle s'appelle déjà « {name} ».</source>
      <translation>A room is already called "{name}".</translation>
    </message>
    <message>
      <source>Une salle porte déjà ce nom.</source>
      <translation>A room already has that name.</translation>
    </message>
    <message>
      <source>Le code « {value} » existe déjà.</source>
      <translation>Code "{value}" already exists.</translation>
    </message>
    <message>
      <source>Ce code existe déjà.</source>
      <translation>This code already exists.</translation>
    </message>
    <message>
      <source>Le code du type doit comporter de 1 à 16 caractères.</source>
      <translation>The type's code must have 1 to 16 characters.</translation>
    </message>
    <message>
      <source>Le libellé du type est obligatoire.</source>
      <translation>The type's label is required.</translation>
    </message>
    <message>
      <source>Couleur invalide : « {value} » (attendu #RRVVBB).</source>
      <translation>Invalid colour: "{value}" (expected #RRGGBB).</translation>
    </message>
    <message>
      <source>Couleur invalide.</source>
      <translation>Invalid colour.</translation>
    </message>
    <message>
      <source>Horaires du {weekday} : la fin ({end}) doit suivre le début ({start}).</source>
      <translation>Hours on {weekday}: the end ({end}) must come after the start ({start}).</translation>
    </message>
    <message>
      <source>Horaires du {weekday} : deux plages se chevauchent.</source>
      <translation>Hours on {weekday}: two ranges overlap.</translation>
    </message>
    <message>
      <source>Horaires illisibles.</source>
      <translation>Unreadable hours.</translation>
    </message>
    <message>
      <source>Le battement doit être compris entre 0 et 120 minutes.</source>
      <translation>The buffer must be between 0 and 120 minutes.</translation>
    </message>
    <message>
      <source>Cette durée n'est pas possible.</source>
      <translation>This duration is not possible.</translation>
    </message>
    <message>
      <source>Cette capacité n'est pas possible.</source>
      <translation>This capacity is not possible.</translation>
    </message>
    <message>
      <source>Cette valeur est hors des limites du réglage.</source>
      <translation>This value is outside the setting's bounds.</translation>
    </message>
    <message>
      <source>Réglage inconnu.</source>
      <translation>Unknown setting.</translation>
    </message>
    <message>
      <source>Ce texte est trop long.</source>
      <translation>This text is too long.</translation>
    </message>
    <message>
      <source>Nom ou code incorrect.</source>
      <translation>Wrong name or code.</translation>
    </message>
    <message>
      <source>Le code doit comporter au moins 4 caractères.</source>
      <translation>The code must have at least 4 characters.</translation>
    </message>
    <message>
      <source>Cette base appartient déjà à un site.</source>
      <translation>This database already belongs to a site.</translation>
    </message>
    <message>
      <source>Code de site invalide : « {value} » (lettres et chiffres).</source>
      <translation>Invalid site code: "{value}" (letters and digits).</translation>
    </message>
    <message>
      <source>Code de site invalide.</source>
      <translation>Invalid site code.</translation>
    </message>
    <message>
      <source>Cette base ne contient pas encore de site.</source>
      <translation>This database holds no site yet.</translation>
    </message>
    <message>
      <source>Cet élément est introuvable.</source>
      <translation>This item cannot be found.</translation>
    </message>
    <message>
      <source>La base est incohérente : un élément attendu est introuvable.</source>
      <translation>The database is inconsistent: an expected item is missing.</translation>
    </message>
    <message>
      <source>Cette inscription est déjà annulée.</source>
      <translation>This registration is already cancelled.</translation>
    </message>
    <message>
      <source>Ce jeune figure déjà sur cette séance : une seule inscription par personne.</source>
      <translation>This young person is already on this session: one registration per person.</translation>
    </message>
    <message>
      <source>Émargement incomplet : la présence de certains jeunes n'est pas saisie.</source>
      <translation>Sign-in incomplete: attendance is missing for some young people.</translation>
    </message>
    <message>
      <source>Présence possible : présent, absent, excusé ou en retard.</source>
      <translation>Possible attendance: present, absent, excused or late.</translation>
    </message>
    <message>
      <source>La fin des inscriptions se règle au plus 30 jours avant la séance.</source>
      <translation>Registration can close at most 30 days before the session.</translation>
    </message>
    <message>
      <source>Règle de récurrence illisible.</source>
      <translation>Unreadable recurrence rule.</translation>
    </message>
    <message>
      <source>La séance compte déjà plus d'inscrits : annulez d'abord des inscriptions.</source>
      <translation>The session already has more registrations: cancel some first.</translation>
    </message>
    <message>
      <source>Indiquez une règle de récurrence (par exemple FREQ=WEEKLY;COUNT=10).</source>
      <translation>Give a recurrence rule (for example FREQ=WEEKLY;COUNT=10).</translation>
    </message>
    <message>
      <source>Donnez un titre à l'atelier.</source>
      <translation>Give the workshop a title.</translation>
    </message>
    <message>
      <source>Le titre de l'atelier est trop long (120 caractères au plus).</source>
      <translation>The workshop's title is too long (120 characters at most).</translation>
    </message>
    <message>
      <source>La règle ne produit aucune date : vérifiez la date de fin et les jours choisis.</source>
      <translation>The rule gives no date: check the end date and the days chosen.</translation>
    </message>
    <message>
      <source>Choisissez au moins une séance.</source>
      <translation>Choose at least one session.</translation>
    </message>
    <message>
      <source>Aucune séance ne peut être créée.</source>
      <translation>No session can be created.</translation>
    </message>
    <message>
      <source>Cette séance ne peut pas être clôturée.</source>
      <translation>This session cannot be closed.</translation>
    </message>
    <message>
      <source>Cette séance n'est pas clôturée.</source>
      <translation>This session is not closed.</translation>
    </message>
    <message>
      <source>Ce jeune n'a pas de place à cette séance.</source>
      <translation>This young person has no seat at this session.</translation>
    </message>
    <message>
      <source>Cette séance n'a pas encore commencé.</source>
      <translation>This session has not started yet.</translation>
    </message>
    <message>
      <source>Cette séance n'a pas encore eu lieu.</source>
      <translation>This session has not taken place yet.</translation>
    </message>
    <message>
      <source>Aucune modification demandée : rien n'a été changé.</source>
      <translation>No change asked for: nothing was changed.</translation>
    </message>
    <message>
      <source>Les inscriptions à cette séance sont closes.</source>
      <translation>Registration for this session is closed.</translation>
    </message>
    <message>
      <source>La règle ne doit pas contenir DTSTART : la date de la première séance se donne à part.</source>
      <translation>The rule must not contain DTSTART: the first session's date is given separately.</translation>
    </message>
    <message>
      <source>Choisissez deux animateurs différents (ou un seul).</source>
      <translation>Choose two different facilitators (or only one).</translation>
    </message>
    <message>
      <source>Cette séance est annulée.</source>
      <translation>This session is cancelled.</translation>
    </message>
    <message>
      <source>Cette séance est clôturée : un(e) responsable de site doit d'abord la rouvrir.</source>
      <translation>This session is closed: a site lead must reopen it first.</translation>
    </message>
    <message>
      <source>Cette séance est complète : proposez la liste d'attente.</source>
      <translation>This session is full: offer the waiting list.</translation>
    </message>
    <message>
      <source>Cette séance a déjà eu lieu.</source>
      <translation>This session has already taken place.</translation>
    </message>
    <message>
      <source>Une série compte au plus 200 séances : réduisez COUNT ou UNTIL.</source>
      <translation>A series has at most 200 sessions: reduce COUNT or UNTIL.</translation>
    </message>
    <message>
      <source>Une série compte au plus une séance par jour.</source>
      <translation>A series has at most one session a day.</translation>
    </message>
    <message>
      <source>La règle doit s'arrêter : ajoutez un nombre de séances (COUNT=…) ou une date de fin (UNTIL=…).</source>
      <translation>The rule must stop: add a number of sessions (COUNT=…) or an end date (UNTIL=…).</translation>
    </message>
    <message>
      <source>Inscription introuvable.</source>
      <translation>Registration not found.</translation>
    </message>
    <message>
      <source>Atelier introuvable.</source>
      <translation>Workshop not found.</translation>
    </message>
    <message>
      <source>Séance d'atelier introuvable.</source>
      <translation>Workshop session not found.</translation>
    </message>
    <message>
      <source>Des séances sont en conflit avec d'autres activités de l'animateur ou de la salle.</source>
      <translation>Some sessions clash with other activities of the facilitator or the room.</translation>
    </message>
    <message>
      <source>Ce rendez-vous est annulé : il n'y a rien à confirmer.</source>
      <translation>This appointment is cancelled: there is nothing to confirm.</translation>
    </message>
    <message>
      <source>Regroupement inconnu.</source>
      <translation>Unknown grouping.</translation>
    </message>
    <message>
      <source>Sortie inconnue.</source>
      <translation>Unknown output.</translation>
    </message>
    <message>
      <source>Ce dossier n'existe pas.</source>
      <translation>This folder does not exist.</translation>
    </message>
    <message>
      <source>C'est un dossier : indiquez un nom de fichier.</source>
      <translation>This is a folder: give a file name.</translation>
    </message>
    <message>
      <source>La date de fin doit suivre la date de début.</source>
      <translation>The end date must come after the start date.</translation>
    </message>
    <message>
      <source>La période est limitée à dix ans.</source>
      <translation>The period is limited to ten years.</translation>
    </message>
    <message>
      <source>Ce fichier existe et n'est pas une base de données : choisissez un autre nom.</source>
      <translation>This file exists and is not a database: choose another name.</translation>
    </message>
    <message>
      <source>Cette sauvegarde ne peut pas être restaurée.</source>
      <translation>This backup cannot be restored.</translation>
    </message>
    <message>
      <source>Cette sauvegarde est endommagée.</source>
      <translation>This backup is damaged.</translation>
    </message>
    <message>
      <source>La restauration a échoué ; la base a été remise dans l'état d'avant la restauration.</source>
      <translation>The restore failed; the database was put back as it was before.</translation>
    </message>
    <message>
      <source>Le fichier de la base de données a plusieurs versions de schéma.</source>
      <translation>The database file has several schema versions.</translation>
    </message>
    <message>
      <source>Le fichier de la base de données est endommagé.</source>
      <translation>The database file is damaged.</translation>
    </message>
    <message>
      <source>L'adresse de la base de données n'est pas valide.</source>
      <translation>The database address is not valid.</translation>
    </message>
    <message>
      <source>Ce chemin ne convient pas.</source>
      <translation>This path cannot be used.</translation>
    </message>
    <message>
      <source>Le serveur a refusé l'identifiant ou le mot de passe.</source>
      <translation>The server refused the user name or password.</translation>
    </message>
    <message>
      <source>Le serveur refuse l'accès à cette base de données.</source>
      <translation>The server refuses access to this database.</translation>
    </message>
    <message>
      <source>La sauvegarde de la base de données est incomplète : rien n'a été restauré.</source>
      <translation>The database backup is incomplete: nothing was restored.</translation>
    </message>
    <message>
      <source>Cette base de données n'existe pas sur le serveur.</source>
      <translation>This database does not exist on the server.</translation>
    </message>
    <message>
      <source>Aucun mot de passe n'est enregistré pour ce serveur.</source>
      <translation>No password is saved for this server.</translation>
    </message>
    <message>
      <source>Ce site a été déplacé sur le serveur « {server} » le {day} : ce fichier n'est plus tenu à jour ; rien n'y est plus écrit ni synchronisé. Travaillez désormais sur le serveur.</source>
      <translation>This site moved to the server “{server}” on {day}: this file is no longer kept up to date; nothing is written to it or synchronised any more. Work on the server from now on.</translation>
    </message>
    <message>
      <source>Ce site a été déplacé sur un serveur : ce fichier n'est plus tenu à jour ; rien n'y est plus écrit ni synchronisé. Travaillez désormais sur le serveur.</source>
      <translation>This site moved to a server: this file is no longer kept up to date; nothing is written to it or synchronised any more. Work on the server from now on.</translation>
    </message>
    <message>
      <source>La base du serveur n'est pas prête : lancez d'abord « mlplanner server init ».</source>
      <translation>The server database is not ready: run “mlplanner server init” first.</translation>
    </message>
    <message>
      <source>La connexion chiffrée (TLS) au serveur a échoué.</source>
      <translation>The encrypted (TLS) connection to the server failed.</translation>
    </message>
    <message>
      <source>Le mot de passe est vide.</source>
      <translation>The password is empty.</translation>
    </message>
    <message>
      <source>La vérification de l'import a échoué : rien n'a été importé.</source>
      <translation>The import check failed: nothing was imported.</translation>
    </message>
    <message>
      <source>Les outils de PostgreSQL (pg_dump, psql) sont introuvables sur ce poste.</source>
      <translation>PostgreSQL's tools (pg_dump, psql) cannot be found on this computer.</translation>
    </message>
    <message>
      <source>Ce fichier n'est pas une sauvegarde mlplanner.</source>
      <translation>This file is not an mlplanner backup.</translation>
    </message>
    <message>
      <source>Cette adresse n'est pas celle d'un serveur PostgreSQL.</source>
      <translation>This address is not a PostgreSQL server's.</translation>
    </message>
    <message>
      <source>Indiquez le serveur (son nom sur le réseau ou son adresse IP).</source>
      <translation>Enter the server (its network name or IP address).</translation>
    </message>
    <message>
      <source>Ce nom de serveur est illisible.</source>
      <translation>This server name cannot be read.</translation>
    </message>
    <message>
      <source>Le port doit être un nombre de 1 à 65535.</source>
      <translation>The port must be a number from 1 to 65535.</translation>
    </message>
    <message>
      <source>Indiquez {field}.</source>
      <translation>Enter {field}.</translation>
    </message>
    <message>
      <source>Un champ de la connexion est vide.</source>
      <translation>A connection field is empty.</translation>
    </message>
    <message>
      <source>Nom illisible pour {field} (sans espace ni / ? @ :).</source>
      <translation>Unreadable name for {field} (no spaces, slashes, question marks, at signs or colons).</translation>
    </message>
    <message>
      <source>Un nom de la connexion est illisible (sans espace ni / ? @ :).</source>
      <translation>A connection name cannot be read (no spaces, slashes, question marks, at signs or colons).</translation>
    </message>
    <message>
      <source>Réglage sslmode inconnu.</source>
      <translation>Unknown sslmode setting.</translation>
    </message>
    <message>
      <source>Ce serveur contient la démonstration (données fictives) : un site réel n'y est jamais créé. Choisissez la base de production du serveur.</source>
      <translation>This server holds the demonstration (fictitious data): a real site is never created there. Choose the server's production database.</translation>
    </message>
    <message>
      <source>la base de données</source>
      <translation>the database</translation>
    </message>
    <message>
      <source>l'utilisateur</source>
      <translation>the user</translation>
    </message>
    <message>
      <source>Le mot de passe ne doit pas figurer dans l'adresse : utilisez le trousseau, pgpass ou PGPASSWORD.</source>
      <translation>The password must not be in the address: use the keyring, pgpass or PGPASSWORD.</translation>
    </message>
    <message>
      <source>Un outil de PostgreSQL a échoué.</source>
      <translation>A PostgreSQL tool failed.</translation>
    </message>
    <message>
      <source>Erreur de la base de données.</source>
      <translation>Database error.</translation>
    </message>
    <message>
      <source>Ce fichier n'est pas une base de données mlplanner : il est laissé intact.</source>
      <translation>This file is not an mlplanner database: it is left untouched.</translation>
    </message>
    <message>
      <source>La base de données est occupée par un autre poste depuis trop longtemps ; réessayez dans un instant. Rien n'a été modifié.</source>
      <translation>The database has been busy with another workstation for too long; try again in a moment. Nothing was changed.</translation>
    </message>
    <message>
      <source>Le fichier de la base de données est en lecture seule : aucune modification n'est possible.</source>
      <translation>The database file is read-only: no change is possible.</translation>
    </message>
    <message>
      <source>Cette base a été créée par une version plus récente de mlplanner : mettez le logiciel à jour.</source>
      <translation>This database was made by a newer version of mlplanner: update the software.</translation>
    </message>
    <message>
      <source>La base de données est inaccessible (disque ou partage réseau indisponible ?). Rien n'a été modifié.</source>
      <translation>The database cannot be reached (disk or network share unavailable?). Nothing was changed.</translation>
    </message>
    <message>
      <source>Impossible de lire le fichier de la base de données.</source>
      <translation>The database file cannot be read.</translation>
    </message>
    <message>
      <source>mlplanner est déjà ouvert sur ce poste avec cette base : utilisez la fenêtre déjà ouverte.</source>
      <translation>mlplanner is already open on this workstation with this database: use the window already open.</translation>
    </message>
    <message>
      <source>Dossier de synchronisation : indiquez un chemin complet.</source>
      <translation>Sync folder: give a full path.</translation>
    </message>
    <message>
      <source>Un lot chiffré ne s'ouvre pas avec cette phrase secrète : vérifiez-la.</source>
      <translation>An encrypted change set does not open with this passphrase: check it.</translation>
    </message>
    <message>
      <source>Un lot de synchronisation est endommagé : il n'a pas été appliqué.</source>
      <translation>A change set is damaged: it was not applied.</translation>
    </message>
    <message>
      <source>Un lot est chiffré : indiquez la phrase secrète du réseau.</source>
      <translation>A change set is encrypted: give the network's passphrase.</translation>
    </message>
    <message>
      <source>Le dossier des sauvegardes n'existe pas : créez-le d'abord ou choisissez-en un autre.</source>
      <translation>The backup folder does not exist: create it first or choose another one.</translation>
    </message>
    <message>
      <source>Indiquez le dossier d'un lot : dossier partagé/SITE/numéro.</source>
      <translation>Give the folder of one change set: shared folder/SITE/number.</translation>
    </message>
    <message>
      <source>Un lot est daté de plus d'un jour dans l'avenir : l'horloge d'un des deux postes est fausse ; il n'a pas été appliqué.</source>
      <translation>A change set is dated more than a day ahead: the clock of one of the two PCs is wrong; it was not applied.</translation>
    </message>
    <message>
      <source>Un lot contient une valeur refusée : il est mis de côté, les suivants continuent d'arriver.</source>
      <translation>A change set holds a value that is refused: it is set aside, the following ones keep arriving.</translation>
    </message>
    <message>
      <source>Un lot est illisible : il n'a pas été appliqué.</source>
      <translation>A change set cannot be read: it was not applied.</translation>
    </message>
    <message>
      <source>Aucun lot de synchronisation à cet endroit.</source>
      <translation>No change set at this place.</translation>
    </message>
    <message>
      <source>Un lot est incomplet : il sera repris à la prochaine synchronisation.</source>
      <translation>A change set is incomplete: it will be retried at the next sync.</translation>
    </message>
    <message>
      <source>Un lot n'est pas à sa place dans le dossier : il n'a pas été appliqué.</source>
      <translation>A change set is not where it belongs in the folder: it was not applied.</translation>
    </message>
    <message>
      <source>Un lot n'est pas chiffré alors que le réseau l'exige : il n'a pas été appliqué.</source>
      <translation>A change set is not encrypted though the network requires it: it was not applied.</translation>
    </message>
    <message>
      <source>Un lot vient d'un site qui n'est pas dans la liste du réseau.</source>
      <translation>A change set comes from a site not in the network's list.</translation>
    </message>
    <message>
      <source>Un lot attend des données pas encore reçues : il sera repris plus tard.</source>
      <translation>A change set waits for data not received yet: it will be retried later.</translation>
    </message>
    <message>
      <source>Deux sites différents portent le même code.</source>
      <translation>Two different sites have the same code.</translation>
    </message>
    <message>
      <source>Un lot vient d'une version plus récente de mlplanner : mettez ce poste à jour.</source>
      <translation>A change set comes from a newer version of mlplanner: update this workstation.</translation>
    </message>
    <message>
      <source>Une synchronisation de ce site est déjà en cours ; réessayez dans un instant.</source>
      <translation>A sync of this site is already running; try again in a moment.</translation>
    </message>
    <message>
      <source>Le dossier de synchronisation est inaccessible.</source>
      <translation>The sync folder cannot be reached.</translation>
    </message>
    <message>
      <source>Le dossier de synchronisation est plein.</source>
      <translation>The sync folder is full.</translation>
    </message>
    <message>
      <source>Le dossier de synchronisation est introuvable (clé USB ou partage réseau déconnecté ?).</source>
      <translation>The sync folder cannot be found (USB key or network share disconnected?).</translation>
    </message>
    <message>
      <source>Le dossier de synchronisation est en lecture seule.</source>
      <translation>The sync folder is read-only.</translation>
    </message>
    <message>
      <source>prendre ou modifier des rendez-vous</source>
      <translation>book or change appointments</translation>
    </message>
    <message>
      <source>modifier la fiche d'un jeune</source>
      <translation>change a young person's record</translation>
    </message>
    <message>
      <source>fusionner deux fiches</source>
      <translation>merge two records</translation>
    </message>
    <message>
      <source>saisir l'issue d'un rendez-vous</source>
      <translation>record an appointment's outcome</translation>
    </message>
    <message>
      <source>saisir l'issue du rendez-vous d'un collègue</source>
      <translation>record the outcome of a colleague's appointment</translation>
    </message>
    <message>
      <source>forcer un double rendez-vous</source>
      <translation>force a double booking</translation>
    </message>
    <message>
      <source>saisir a posteriori dans le passé</source>
      <translation>make back-office entries in the past</translation>
    </message>
    <message>
      <source>basculer des rendez-vous à distance</source>
      <translation>switch appointments to remote</translation>
    </message>
    <message>
      <source>modifier la configuration du site</source>
      <translation>change the site's configuration</translation>
    </message>
    <message>
      <source>gérer les comptes du personnel</source>
      <translation>manage staff accounts</translation>
    </message>
    <message>
      <source>gérer les ateliers</source>
      <translation>manage workshops</translation>
    </message>
    <message>
      <source>inscrire à un atelier</source>
      <translation>register for a workshop</translation>
    </message>
    <message>
      <source>consulter le journal d'audit</source>
      <translation>read the audit log</translation>
    </message>
    <message>
      <source>synchroniser</source>
      <translation>synchronise</translation>
    </message>
    <message>
      <source>anonymiser ou effacer des données personnelles</source>
      <translation>anonymise or erase personal data</translation>
    </message>
    <message>
      <source>imprimer</source>
      <translation>print</translation>
    </message>
    <message>
      <source>prénom</source>
      <translation>first name</translation>
    </message>
    <message>
      <source>nom</source>
      <translation>last name</translation>
    </message>
    <message>
      <source>nom du site</source>
      <translation>site name</translation>
    </message>
    <message>
      <source>nom de la salle</source>
      <translation>room name</translation>
    </message>
    <message>
      <source>un rendez-vous</source>
      <translation>an appointment</translation>
    </message>
    <message>
      <source>un atelier</source>
      <translation>a workshop</translation>
    </message>
    <message>
      <source>fermé toute la journée</source>
      <translation>closed all day</translation>
    </message>
    <message>
      <source>Réponse attendue : oui ou non.</source>
      <translation>Answer expected: yes or no.</translation>
    </message>
    <message>
      <source>Cette valeur n'est pas l'un des choix possibles.</source>
      <translation>This value is not one of the possible choices.</translation>
    </message>
    <message>
      <source>Le lot de SMS est un fichier .csv.</source>
      <translation>The SMS batch is a .csv file.</translation>
    </message>
    <message>
      <source>L'adresse de la passerelle SMS doit contenir le numéro et un @ (par exemple {{msisdn}}@sms.fournisseur.fr).</source>
      <translation>The SMS gateway address must contain the number and an @ (for example {{msisdn}}@sms.provider.fr).</translation>
    </message>
    <message>
      <source>Nom de serveur illisible.</source>
      <translation>Unreadable server name.</translation>
    </message>
    <message>
      <source>Heure illisible (attendu par exemple 10:00).</source>
      <translation>Unreadable time (expected for example 10:00).</translation>
    </message>
    <message>
      <source>Indiquez un nombre dans les limites du réglage.</source>
      <translation>Give a number within the setting's bounds.</translation>
    </message>
    <message>
      <source>Rappel non compris : indiquez « auto », « off » ou un nombre de jours.</source>
      <translation>Reminder not understood: give "auto", "off" or a number of days.</translation>
    </message>
    <message>
      <source>Le secret doit tenir sur une ligne (500 caractères au plus).</source>
      <translation>The secret must fit on one line (500 characters at most).</translation>
    </message>
    <message>
      <source>L'émetteur des SMS compte 3 à 11 lettres ou chiffres, sans accent (ex. MISSIONLOC).</source>
      <translation>The SMS sender has 3 to 11 letters or digits, no accents (e.g. MISSIONLOC).</translation>
    </message>
    <message>
      <source>Le modèle de message est mal écrit (objet sur une ligne, champs entre accolades).</source>
      <translation>The message template is badly written (subject on one line, fields in braces).</translation>
    </message>
    <message>
      <source>Adresse illisible (attendu https://…).</source>
      <translation>Unreadable address (expected https://…).</translation>
    </message>
    <message>
      <source>Plage d'envoi illisible (attendu par exemple 08:00-20:00).</source>
      <translation>Unreadable sending window (expected for example 08:00-20:00).</translation>
    </message>
    <message>
      <source>Le texte du message est vide.</source>
      <translation>The message text is empty.</translation>
    </message>
    <message>
      <source>Ce fichier existe déjà : choisissez un autre nom.</source>
      <translation>This file already exists: choose another name.</translation>
    </message>
    <message>
      <source>Ce message fait trop de SMS.</source>
      <translation>This message takes too many SMS.</translation>
    </message>
    <message>
      <source>Texte trop long (4000 caractères au plus).</source>
      <translation>Text too long (4000 characters at most).</translation>
    </message>
    <message>
      <source>Le trousseau du système est indisponible sur ce poste.</source>
      <translation>The system keyring is not available on this workstation.</translation>
    </message>
    <message>
      <source>Les SMS de ce site ne partent pas par fichier CSV : rien n'est exporté.</source>
      <translation>This site's SMS are not sent by CSV file: nothing is exported.</translation>
    </message>
    <message>
      <source>Ce réglage est un secret : il n'est jamais écrit dans le fichier.</source>
      <translation>This setting is a secret: it is never written in the file.</translation>
    </message>
    <message>
      <source>Texte trop long.</source>
      <translation>Text too long.</translation>
    </message>
    <message>
      <source>Le modèle contient un champ inconnu.</source>
      <translation>The template contains an unknown field.</translation>
    </message>
    <message>
      <source>Secret inconnu.</source>
      <translation>Unknown secret.</translation>
    </message>
    <message>
      <source>Journal : {path}</source>
      <translation>Log: {path}</translation>
    </message>
    <message>
      <source>Légende : cadre vert épais ● arrivé(e) · grisé ✓ reçu(e) · pointillés rouges ✗ absent(e) · cadre rouge ⚠ double rendez-vous · fond rose ⚠ à traiter (absence, fermeture, férié) · pointillés orange ☎ sur la liste d'appels · hachures : fermé, non travaillé ou absence</source>
      <translation>Legend: thick green frame ● arrived · greyed ✓ seen · red dashes ✗ no-show · red frame ⚠ double booking · pink ⚠ to deal with (absence, closure, holiday) · orange dashes ☎ on the call list · hatching: closed, not working or absent</translation>
    </message>
    <message>
      <source>Création du site sur le serveur…</source>
      <translation>Creating the site on the server…</translation>
    </message>
    <message>
      <source>Connexion au serveur…</source>
      <translation>Connecting to the server…</translation>
    </message>
    <message>
      <source>Le mot de passe n'a pas pu être gardé : ce poste n'a pas de trousseau du système. Il sert pour cette session ; pour les suivantes, l'informaticien le met dans un fichier pgpass (voir « Mode serveur » dans le README).</source>
      <translation>The password could not be kept: this workstation has no system keyring. It is used for this session; for the next ones, the IT person puts it in a pgpass file (see “Server mode” in the README).</translation>
    </message>
    <message>
      <source>Choisissez un site du serveur.</source>
      <translation>Choose a site of the server.</translation>
    </message>
    <message>
      <source>Par le &amp;dossier de synchronisation</source>
      <translation>Through the sync &amp;folder</translation>
    </message>
    <message>
      <source>Chaque site garde son fichier et échange avec les autres par un dossier partagé (\\serveur\partage, clé USB…). Ce poste crée le fichier du nouveau site.</source>
      <translation>Each site keeps its own file and exchanges with the others through a shared folder (\\server\share, USB stick…). This workstation creates the new site's file.</translation>
    </message>
    <message>
      <source>Par le &amp;serveur (PostgreSQL)</source>
      <translation>Through the &amp;server (PostgreSQL)</translation>
    </message>
    <message>
      <source>Le réseau ou le site travaille sur un serveur PostgreSQL : choisir le site sur le serveur (ce poste devient un poste de plus de ce site), ou y créer un nouveau site.</source>
      <translation>The network or the site works on a PostgreSQL server: choose the site on the server (this workstation becomes one more workstation of that site), or create a new site there.</translation>
    </message>
    <message>
      <source>par défaut (chiffré si le serveur le propose)</source>
      <translation>default (encrypted if the server offers it)</translation>
    </message>
    <message>
      <source>require — toujours chiffré</source>
      <translation>require — always encrypted</translation>
    </message>
    <message>
      <source>verify-ca — chiffré, certificat du serveur vérifié</source>
      <translation>verify-ca — encrypted, server certificate checked</translation>
    </message>
    <message>
      <source>verify-full — chiffré, certificat et nom du serveur vérifiés</source>
      <translation>verify-full — encrypted, server certificate and name checked</translation>
    </message>
    <message>
      <source>prefer — chiffré si possible</source>
      <translation>prefer — encrypted if possible</translation>
    </message>
    <message>
      <source>allow — en clair si possible</source>
      <translation>allow — unencrypted if possible</translation>
    </message>
    <message>
      <source>disable — jamais chiffré</source>
      <translation>disable — never encrypted</translation>
    </message>
    <message>
      <source>Rejoindre le réseau depuis le serveur — mlplanner</source>
      <translation>Join the network from the server — mlplanner</translation>
    </message>
    <message>
      <source>Le serveur PostgreSQL de votre Mission Locale garde les sites qui y travaillent. Indiquez ce que l'informaticien vous a donné (ou collez l'adresse complète dans le champ Serveur), puis testez la connexion.</source>
      <translation>Your Mission Locale's PostgreSQL server holds the sites that work on it. Enter what the IT person gave you (or paste the whole address into the Server field), then test the connection.</translation>
    </message>
    <message>
      <source>ex. serveur-bdd ou 192.168.1.20</source>
      <translation>e.g. db-server or 192.168.1.20</translation>
    </message>
    <message>
      <source>vide s'il est déjà sur ce poste (trousseau, pgpass)</source>
      <translation>empty if this workstation already has it (keyring, pgpass)</translation>
    </message>
    <message>
      <source>&amp;Garder le mot de passe dans le trousseau du système de ce poste</source>
      <translation>&amp;Keep the password in this workstation's system keyring</translation>
    </message>
    <message>
      <source>&amp;Tester la connexion</source>
      <translation>&amp;Test the connection</translation>
    </message>
    <message>
      <source>Sites du serveur</source>
      <translation>Sites of the server</translation>
    </message>
    <message>
      <source>Ce serveur ne contient encore aucun site : créez le premier.</source>
      <translation>This server holds no site yet: create the first one.</translation>
    </message>
    <message>
      <source>← &amp;Connexion</source>
      <translation>← &amp;Connection</translation>
    </message>
    <message>
      <source>Créer un &amp;nouveau site sur ce serveur…</source>
      <translation>Create a &amp;new site on this server…</translation>
    </message>
    <message>
      <source>&amp;Travailler pour ce site</source>
      <translation>&amp;Work for this site</translation>
    </message>
    <message>
      <source>Ce serveur contient la démonstration (données fictives, code 1234) : on peut y travailler pour s'exercer, mais aucun site réel n'y est créé.</source>
      <translation>This server holds the demo (fictitious data, code 1234): you can work on it to practise, but no real site is ever created on it.</translation>
    </message>
    <message>
      <source>Se&amp;rveur</source>
      <translation>Se&amp;rver</translation>
    </message>
    <message>
      <source>&amp;Utilisateur</source>
      <translation>&amp;User</translation>
    </message>
    <message>
      <source>C&amp;hiffrement (sslmode)</source>
      <translation>&amp;Encryption (sslmode)</translation>
    </message>
    <message>
      <source>Les sites de ce serveur (ce poste devient un poste de plus du site choisi) :</source>
      <translation>The sites of this server (this workstation becomes one more workstation of the chosen site):</translation>
    </message>
    <message>
      <source>Autres réglages gardés : {options}</source>
      <translation>Other settings kept: {options}</translation>
    </message>
    <message>
      <source>Connexion à {where}…</source>
      <translation>Connecting to {where}…</translation>
    </message>
    <message>
      <source>Connexion réussie : {where}</source>
      <translation>Connected: {where}</translation>
    </message>
    <message>
      <source>Erreur inattendue pendant le test : {e}</source>
      <translation>Unexpected error during the test: {e}</translation>
    </message>
    <message>
      <source>DÉMONSTRATION</source>
      <translation>DEMO</translation>
    </message>
    <message>
      <source>Le site sera créé sur le serveur {where}.</source>
      <translation>The site will be created on the server {where}.</translation>
    </message>
    <message>
      <source>Le serveur a déjà un site {code} : choisissez un autre code.</source>
      <translation>The server already has a site {code}: choose another code.</translation>
    </message>
    <message>
      <source>&amp;Port</source>
      <translation>&amp;Port</translation>
    </message>
    <message>
      <source>&amp;Base de données</source>
      <translation>&amp;Database</translation>
    </message>
    <message>
      <source>&amp;Mot de passe</source>
      <translation>Pass&amp;word</translation>
    </message>
    <message>
      <source>Serveur : {where}</source>
      <translation>Server: {where}</translation>
    </message>
    <message>
      <source>Le serveur de ce poste n'a pas pu être ouvert. Que voulez-vous faire ?</source>
      <translation>This workstation's server could not be opened. What do you want to do?</translation>
    </message>
    <message>
      <source>Ensuite : ajoutez le personnel dans Paramètres &gt; Personnel (un par un, ou « Importer une liste… » depuis un tableur : chacun reçoit un code provisoire). Les autres postes du site le choisissent sur le serveur (« Rejoindre le réseau », par le serveur).</source>
      <translation>Next: add the staff in Settings &gt; Staff (one by one, or “Import a list…” from a spreadsheet: everyone gets a one-time PIN). The site's other workstations choose it on the server (“Join the network”, through the server).</translation>
    </message>
    <message>
      <source>Le {what} est trop long ({max} caractères au plus).</source>
      <translation>The {what} is too long ({max} characters at most).</translation>
    </message>
    <message>
      <source>{field} : caractère invisible ou de contrôle refusé, {char}. Retapez le texte au lieu de le coller.</source>
      <translation>{field}: invisible or control character refused, {char}. Type the text instead of pasting it.</translation>
    </message>
    <message>
      <source>Caractère invisible ou de contrôle refusé : retapez le texte au lieu de le coller.</source>
      <translation>Invisible or control character refused: type the text instead of pasting it.</translation>
    </message>
    <message>
      <source>{field} : {max} caractères au plus.</source>
      <translation>{field}: {max} characters at most.</translation>
    </message>
    <message>
      <source>{field} : un nom s'écrit avec des lettres (accents compris), des espaces, des apostrophes, des traits d'union, des points ou des parenthèses.</source>
      <translation>{field}: a name is written with letters (accents included), spaces, apostrophes, hyphens, dots or parentheses.</translation>
    </message>
    <message>
      <source>{field} : caractères refusés.</source>
      <translation>{field}: characters refused.</translation>
    </message>
    <message>
      <source>Caractères refusés.</source>
      <translation>Characters refused.</translation>
    </message>
    <message>
      <source>Ligne {line} : une cellule est trop longue (fichier abîmé ou pas un tableau). Rien n'a été importé.</source>
      <translation>Line {line}: a cell is too long (damaged file, or not a table). Nothing was imported.</translation>
    </message>
    <message>
      <source>Ligne {line} : ligne illisible (fichier abîmé ou pas un tableau). Rien n'a été importé.</source>
      <translation>Line {line}: unreadable line (damaged file, or not a table). Nothing was imported.</translation>
    </message>
    <message>
      <source>N° de dossier i-milo</source>
      <translation>i-milo file number</translation>
    </message>
    <message>
      <source>Motif d'annulation</source>
      <translation>Cancellation reason</translation>
    </message>
    <message>
      <source>Motif du forçage</source>
      <translation>Reason for forcing</translation>
    </message>
    <message>
      <source>Motif de la fermeture</source>
      <translation>Reason for the closure</translation>
    </message>
    <message>
      <source>Nom de la salle</source>
      <translation>Room name</translation>
    </message>
    <message>
      <source>Titre de l'atelier</source>
      <translation>Workshop title</translation>
    </message>
    <message>
      <source>Motif de la réponse</source>
      <translation>Reason for the answer</translation>
    </message>
    <message>
      <source>Réglage</source>
      <translation>Setting</translation>
    </message>
    <message>
      <source>référent « {referent} » inconnu : laissé vide</source>
      <translation>counsellor "{referent}" unknown: left empty</translation>
    </message>
    <message>
      <source>référent « {referent} » ambigu : laissé vide</source>
      <translation>counsellor "{referent}" ambiguous: left empty</translation>
    </message>
    <message>
      <source>le n° de dossier {number} est déjà celui de {person}, né(e) le {born}</source>
      <translation>file number {number} already belongs to {person}, born on {born}</translation>
    </message>
    <message>
      <source>le n° de dossier {number} est déjà celui de {person}</source>
      <translation>file number {number} already belongs to {person}</translation>
    </message>
    <message>
      <source>date de naissance impossible ({birth})</source>
      <translation>impossible date of birth ({birth})</translation>
    </message>
    <message>
      <source>même personne que la ligne {line}</source>
      <translation>same person as line {line}</translation>
    </message>
    <message>
      <source>le n° de dossier {number} est déjà celui de {person} (ligne {line})</source>
      <translation>file number {number} already belongs to {person} (line {line})</translation>
    </message>
    <message>
      <source>même nom et même date de naissance que la ligne {line}, mais un autre n° de dossier ({number})</source>
      <translation>same name and date of birth as line {line}, but another file number ({number})</translation>
    </message>
    <message>
      <source>{person}, même nom et même date de naissance, a le n° de dossier {number} : vérifiez le numéro</source>
      <translation>{person}, with the same name and date of birth, has file number {number}: check the number</translation>
    </message>
    <message>
      <source>déjà dans le personnel du site : inchangé</source>
      <translation>already on the site's staff: unchanged</translation>
    </message>
    <message>
      <source>bureau « {room} » inconnu : laissé vide</source>
      <translation>office "{room}" unknown: left empty</translation>
    </message>
    <message>
      <source>aucun jour travaillé : pas de rendez-vous possible</source>
      <translation>no working day: no appointment possible</translation>
    </message>
    <message>
      <source>Vérification du fichier de la base en cours (elle a lieu à chaque ouverture).
L'enregistrement se fera dès qu'elle sera finie.</source>
      <translation>Checking the database file (done at every opening).
The save will be made as soon as it is finished.</translation>
    </message>
    <message>
      <source>Enregistrement en attente</source>
      <translation>Save waiting</translation>
    </message>
  </context>
</TS>
