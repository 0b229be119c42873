# Serveur d'autorisation de démonstration : pages vues sur le téléphone ou l'ordinateur.
demo-badge = Serveur de connexion de démonstration : aucun vrai compte n'est utilisé.
page-activate-title = Activer votre téléviseur
activate-heading = Connexion sur votre téléviseur
activate-intro = Saisissez le code affiché sur l'écran de votre téléviseur.
activate-code-label = Code
activate-continue = Continuer
activate-requested-by = { $app } demande à utiliser votre compte.
activate-check-code = Vérifiez que votre téléviseur affiche ce code : { $code }
activate-access-intro = Cette application pourra :
activate-name-label = Votre nom (pour ce compte de démonstration)
activate-name-placeholder = par ex. Alex
activate-warning = N'autorisez que si vous avez lancé la connexion sur votre propre téléviseur et qu'il affiche ce code. N'autorisez jamais un code que quelqu'un vous a envoyé.
activate-approve = Autoriser
activate-deny = Refuser
activate-approved-title = Votre téléviseur est connecté
activate-approved-body = { $app } est maintenant connecté en tant que { $name }. Vous pouvez fermer cette page : votre téléviseur continue tout seul.
activate-denied-title = Demande refusée
activate-denied-body = Rien n'a été partagé avec { $app }. Vous pouvez fermer cette page.
activate-error-unknown-code = Ce code n'est pas valide. Vérifiez le code sur votre téléviseur et réessayez.
activate-error-expired-code = Ce code a expiré. Demandez un nouveau code à votre téléviseur.
activate-error-used-code = Ce code a déjà été utilisé.
activate-error-throttled = Trop de codes erronés. Patientez quelques minutes, puis réessayez.
error-name = Saisissez un nom de 1 à 64 caractères.
error-form-expired = Cette page a expiré. Veuillez réessayer.
error-server = Une erreur est survenue sur le serveur. Veuillez réessayer.
error-bad-form = Le formulaire n'a pas pu être lu. Veuillez réessayer.
scope-profile = voir votre nom et votre photo
scope-email = voir votre adresse e-mail
scope-offline-access = rester connectée jusqu'à ce que vous vous déconnectiez
scope-read-library = afficher votre bibliothèque
page-authorize-title = Connexion
authorize-heading = Connexion à { $app }
authorize-intro = { $app } souhaite vous connecter sur cet appareil.
authorize-allow = Autoriser
authorize-deny = Annuler
authorize-error-title = Ce lien de connexion n'est pas valide
authorize-error-client = Cette application est inconnue de ce serveur.
authorize-error-redirect = L'adresse de retour n'est pas enregistrée pour cette application.
authorize-error-request = La demande de connexion est mal formée : { $reason }

# La bibliothèque de l'API de démonstration : genre et durée de chaque titre (les titres sont
# les noms des œuvres).
demo-library-northern-lights = Documentaire · 52 min
demo-library-quiet-harbour = Drame · Saison 1
demo-library-midnight-orchard = Thriller · 1 h 48
demo-library-paper-planets = Animation · 1 h 31
demo-library-salt-and-stone = Cuisine · 12 épisodes
demo-library-signal-lost = Science-fiction · 2 h 04
demo-library-high-meadow = Nature · 4K HDR
demo-library-last-tram-home = Comédie · Saison 3

# La commande `tvauth demo-server`.
demo-server-running = Le serveur de démonstration tvauth est lancé.
demo-server-issuer = Émetteur : { $url }
demo-server-activate = Page d'activation : { $url }
demo-server-config = Configuration du client, à coller dans { $path } :
demo-server-secret = Secret du client de service ({ $client }) : { $path }
demo-server-data = Dossier de données : { $path }
demo-server-stop = Appuyez sur Ctrl+C pour arrêter.
demo-server-stopped = Serveur de démonstration arrêté.

# La ligne de commande.
cli-demo-notice = Aucune configuration dans { $path } : utilisation du serveur de démonstration intégré à { $issuer }
cli-login-intro = Connectez-vous depuis votre téléphone ou votre ordinateur :
cli-login-step-open = 1. Ouvrez  { $url }
cli-login-step-code = 2. Saisissez ce code :
cli-login-userinfo = Attention : ce qui précède « @ » n'est pas le site. Cette adresse mène à { $host }.
cli-login-scan = Ou scannez ce QR code avec l'appareil photo de votre téléphone :
cli-speak-unavailable = Impossible de lire le code à voix haute : ni speech-dispatcher (spd-say) ni espeak-ng n'est installé. Installez l'un des deux (apt install speech-dispatcher).
cli-speak-failed = La lecture du code à voix haute a échoué ({ $error }).
cli-login-waiting = En attente d'autorisation… { $time } restantes
cli-login-slow-down = Le serveur demande d'interroger moins souvent (toutes les { $seconds } s). { $time } restantes
cli-login-offline = Pas de réseau — nouvel essai dans { $seconds } s. { $time } restantes
cli-login-signed-in = Connecté en tant que { $name }.
cli-login-signed-in-unnamed = Connecté.
cli-login-expired = Le code a expiré avant d'être autorisé. Relancez `tvauth login` pour obtenir un nouveau code.
cli-login-denied = La connexion a été refusée.
cli-login-failed = La connexion a échoué : { $error }
cli-login-already = Déjà connecté en tant que { $name }. Lancez d'abord `tvauth logout` pour utiliser un autre compte.
cli-login-already-unnamed = Déjà connecté. Lancez d'abord `tvauth logout` pour utiliser un autre compte.
cli-login-renewing = Renouvellement de la connexion de { $name }, qui prend fin le { $date }.
cli-login-renewing-unnamed = Renouvellement de la connexion de cet appareil, qui prend fin le { $date }.
cli-status-signed-out = Non connecté. Lancez `tvauth login` pour vous connecter.
cli-status-signed-in = Connecté en tant que { $name }
cli-status-signed-in-unnamed = Connecté (le fournisseur n'a pas donné de nom)
cli-status-email = E-mail : { $email }
cli-status-provider = Fournisseur : { $issuer }
cli-status-since = Connecté depuis { $ago }
cli-status-refreshed = Dernier renouvellement il y a { $ago }
cli-status-access-valid = Jeton d'accès : valable encore { $left }
cli-status-access-expired = Jeton d'accès : expiré (un nouveau sera obtenu au besoin)
cli-status-refresh-yes = Reste connecté : oui
cli-status-refresh-no = Reste connecté : non (pas de jeton d'actualisation : reconnectez-vous quand le jeton d'accès expire)
cli-status-until = Connecté jusqu'au { $date }
cli-status-renew = Renouvellement à faire : lancez `tvauth login` avant cette date pour rester connecté.
cli-status-ended = Votre connexion sur cet appareil a pris fin le { $date } : lancez `tvauth login` pour vous reconnecter.
cli-status-pending = { $count ->
    [one] Une déconnexion attend d'être envoyée au fournisseur.
   *[other] { $count } déconnexions attendent d'être envoyées au fournisseur.
}
cli-status-clock-off = L'horloge de ce téléviseur a { $off } { $way ->
    [ahead] d'avance
   *[behind] de retard
} sur celle du fournisseur ; tvauth se règle sur l'heure du fournisseur.
cli-status-quarantined = Le fichier de session était illisible ; il a été déplacé vers { $path }.
cli-logout-revoked = Déconnecté. Le fournisseur a révoqué les jetons de cet appareil.
cli-logout-pending = Déconnecté sur cet appareil. Le fournisseur est injoignable : la révocation sera envoyée par la prochaine commande en ligne.
cli-logout-not-signed-in = Non connecté.
cli-error-signed-out = Non connecté. Lancez `tvauth login` pour vous connecter.
cli-error-ended = La session a pris fin chez le fournisseur. Lancez `tvauth login` pour vous reconnecter.
cli-error-offline = Le fournisseur est injoignable ({ $error }). Rien n'est perdu ; réessayez plus tard.
duration-seconds = { $n ->
    [one] 1 seconde
   *[other] { $n } secondes
}
duration-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
duration-hours = { $n ->
    [one] 1 heure
   *[other] { $n } heures
}
duration-days = { $n ->
    [one] 1 jour
   *[other] { $n } jours
}

# Le code lu à voix haute (par une synthèse vocale : l'hôte avec ses points en mots, le code
# lettre par lettre, deux fois).
speech-code = Pour vous connecter, allez sur { $host }, et saisissez le code : { $code }. Je répète : { $code }.
speech-dot = point
speech-colon = deux-points

# Un jour en toutes lettres : « 27 décembre 2026 », « 1er janvier 2027 ».
date-long = { $day ->
    [1] 1er
   *[other] { $day }
} { $month ->
    [1] janvier
    [2] février
    [3] mars
    [4] avril
    [5] mai
    [6] juin
    [7] juillet
    [8] août
    [9] septembre
    [10] octobre
    [11] novembre
   *[12] décembre
} { $year }

# L'application TV.
tv-starting = Connexion…
tv-activate-title = Connectez-vous à tvauth
tv-activate-step-open = Sur votre téléphone ou votre ordinateur, allez sur
tv-activate-step-code = et saisissez ce code
tv-activate-scan = Ou scannez avec l'appareil photo de votre téléphone
tv-activate-no-code = Impossible d'obtenir un code — nouvel essai dans { $seconds } s
tv-activate-requesting = Obtention d'un code…
tv-activate-waiting = En attente de votre autorisation sur le téléphone
tv-activate-slow-down = Le serveur demande de vérifier moins souvent (toutes les { $seconds } s)
tv-activate-offline = Pas de réseau — nouvel essai dans { $seconds } s
tv-activate-safety = Ne saisissez ce code que si vous avez lancé la connexion sur ce téléviseur.
tv-activate-time-left = Temps restant
tv-activate-userinfo = Attention : ce qui précède « @ » n'est pas le site. Cette adresse mène à { $host }.
tv-expired-title = Le code a expiré
tv-expired-body = Pour votre sécurité, chaque code n'est valable qu'un temps limité. Demandez-en un nouveau pour vous connecter.
tv-expired-action = Obtenir un nouveau code
tv-declined-title = La connexion a été refusée
tv-declined-body = La demande a été refusée sur la page de connexion : ce téléviseur n'est pas connecté.
tv-declined-action = Réessayer
tv-error-network-title = Le service de connexion est injoignable
tv-error-network-body = Vérifiez que ce téléviseur est connecté à Internet, puis réessayez.
tv-error-server-title = Le service de connexion rencontre un problème
tv-error-server-body = Votre téléviseur n'est pas en cause. Patientez un instant, puis réessayez.
tv-error-refused-title = La connexion a été refusée par le service
tv-error-refused-body = Le service de connexion a refusé ce téléviseur. Si cela se reproduit, vérifiez les réglages de connexion du téléviseur.
tv-error-storage-title = Ce téléviseur ne peut pas enregistrer votre connexion
tv-error-storage-body = Son stockage n'a pas pu être écrit. Redémarrez le téléviseur, puis réessayez.
tv-error-code = Code d'erreur : { $code }
tv-error-action = Réessayer
tv-home-greeting = Connecté en tant que { $name }
tv-home-greeting-unnamed = Connecté
tv-home-offline = Hors ligne — affichage des données enregistrées
tv-home-stale = Actualisation impossible ({ $code })
tv-home-loading = Chargement de votre bibliothèque…
tv-home-empty = Rien à afficher pour l'instant.
tv-home-account = Compte
tv-home-library = Votre bibliothèque
tv-home-more = { $count ->
    [one] 1 de plus →
   *[other] { $count } de plus →
}
tv-signing-out = Déconnexion…
tv-sign-out-title = Se déconnecter de ce téléviseur ?
tv-sign-out-body = { $name } devra se reconnecter sur ce téléviseur. Les autres appareils restent connectés.
tv-sign-out-body-unnamed = Vous devrez vous reconnecter sur ce téléviseur. Les autres appareils restent connectés.
tv-sign-out-confirm = Se déconnecter
tv-cancel = Annuler
tv-exit-title = Quitter tvauth ?
tv-exit-stay = Rester
tv-exit-confirm = Quitter
tv-item-close = Retour
cli-error-secret = Le secret du client est inutilisable : { $error }
cli-error-redirect = Le navigateur est revenu avec une réponse qui n'appartient pas à cette connexion : elle a été refusée et rien n'a été enregistré ({ $error }). Relancez la commande.
cli-error-code-rejected = Le fournisseur a refusé le code d'autorisation (déjà utilisé, expiré, ou la vérification PKCE a échoué). Rien n'a été enregistré ; relancez la commande.
cli-error-invalid-client = Le fournisseur n'accepte pas les identifiants de ce client : vérifiez client_id et son secret ({ $error }).
cli-error-grant-refused = Le fournisseur n'autorise pas ce client à se connecter de cette façon : activez ce type d'autorisation pour l'application chez le fournisseur ({ $error }).
cli-browser-opened = Votre navigateur a été ouvert pour vous connecter. S'il n'est pas apparu, ouvrez cette adresse sur cet appareil :
cli-browser-open-this = Ouvrez cette adresse dans un navigateur de cet appareil pour vous connecter :
cli-browser-waiting = En attente du navigateur (jusqu'à { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
    } ; Ctrl-C pour annuler)…
cli-browser-timeout = Le navigateur n'est pas revenu à temps. Relancez `tvauth login --browser`.
cli-browser-cancelled = Connexion annulée.
browser-page-done-title = Vous êtes connecté
browser-page-done-text = Vous pouvez fermer cet onglet et revenir à votre téléviseur.
browser-page-failed-title = La connexion n'a pas abouti
browser-page-failed-text = Revenez à votre téléviseur pour savoir pourquoi et réessayer.
browser-page-stray-title = Pas cette connexion
browser-page-stray-text = Cette page n'appartient pas à la connexion en cours : elle a été ignorée. La connexion continue.
tv-activate-browser = Se connecter plutôt sur ce téléviseur
tv-activate-browser-cancel = Annuler la connexion sur ce téléviseur
tv-activate-browser-waiting = Continuez dans le navigateur ouvert sur ce téléviseur
tv-activate-browser-timed-out = La connexion dans le navigateur a expiré. Utilisez le code, ou réessayez.
tv-activate-browser-failed = La connexion sur ce téléviseur n'a pas abouti ({ $code }). Utilisez le code, ou réessayez.
tv-activate-renewing = Obtention d'un nouveau code…
tv-activate-new-code = Nouveau code — le précédent ne fonctionne plus

# Le fournisseur interdit la connexion avec un code (device flow).
tv-forbidden-title = La connexion avec un code est désactivée
tv-forbidden-body = Le fournisseur de ce compte n'autorise pas la connexion avec un code sur un téléviseur.
tv-forbidden-body-browser = Le fournisseur de ce compte n'autorise pas la connexion avec un code sur un téléviseur. Vous pouvez plutôt vous connecter sur ce téléviseur, dans son navigateur.
tv-forbidden-retry = Réessayer
tv-forbidden-provider-said = Le fournisseur indique : « { $description } »

# Renewing the session before it ends.
tv-signed-in-until = Connecté jusqu'au { $date }
tv-home-renewal-due = Votre connexion sur ce téléviseur prend fin le { $date }. Renouvelez-la maintenant pour rester connecté.
tv-home-renew = Renouveler
tv-activate-renew-title = Renouveler la connexion de ce téléviseur
