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
demo-server-lan = Seule cette page répond à { $address }, pour les téléphones du réseau local : n'importe qui sur ce réseau peut y autoriser un code.
demo-lan-none = Aucune adresse sur le réseau local (seule l'interface de bouclage est active) : indiquez-en une avec { $flag }=ADRESSE.

# La ligne de commande.
cli-demo-notice = Aucun fournisseur configuré (dans { $path } ou { $system }) : utilisation du serveur de démonstration intégré à { $issuer }
cli-demo-lan-notice = Page d'activation de démonstration pour les téléphones du réseau local : { $url } (n'importe qui sur ce réseau peut autoriser un code)
cli-lan-demo-unused = --lan-demo est sans effet : un fournisseur est configuré, le serveur de démonstration intégré n'est donc pas utilisé.
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
cli-login-already = Déjà connecté en tant que { $name }. Lancez `tvauth login` sans --profile pour ajouter quelqu'un d'autre.
cli-login-already-unnamed = Déjà connecté. Lancez `tvauth login` sans --profile pour ajouter quelqu'un d'autre.
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
cli-status-dpop-bound = Lié à la clé de ce téléviseur (DPoP) : les jetons ne servent à rien ailleurs
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
cli-status-config-flag = Configuration : { $path } (--config)
cli-status-config-dir-env = Configuration : { $path } (TVAUTH_CONFIG_DIR)
cli-status-config-user = Configuration : { $path } (celle de cet utilisateur)
cli-status-config-system = Configuration : { $path } (pour tout le système)
cli-status-config-demo = Configuration : aucune, le serveur de démonstration intégré
cli-status-quarantined = Le fichier de session était illisible ; il a été déplacé vers { $path }.
cli-logout-revoked = Déconnecté. Le fournisseur a révoqué les jetons de cet appareil.
cli-logout-pending = Déconnecté sur cet appareil. Le fournisseur est injoignable : la révocation sera envoyée par la prochaine commande en ligne.
cli-logout-not-signed-in = Non connecté.
cli-logout-removed = Profil de { $name } supprimé (sa connexion avait déjà pris fin).
cli-login-other-person = Quelqu'un d'autre a approuvé : cette personne a désormais son propre profil, et celui de { $chosen } est inchangé.
cli-status-profile = Profil : { $name } (identifiant { $id })
cli-status-profile-ended = La connexion de { $name } sur cette TV a pris fin. Lancez `tvauth login --profile { $id }` pour vous reconnecter.
cli-status-others = { $count ->
    [one] Un autre profil est sur cette TV : `tvauth profiles` l'affiche.
   *[other] { $count } autres profils sont sur cette TV : `tvauth profiles` les affiche.
}
cli-profiles-none = Aucun profil sur cette TV. Lancez `tvauth login` pour connecter quelqu'un.
cli-profiles-signed-in = connecté
cli-profiles-ended = session terminée
cli-profiles-last-used = utilisé il y a { $ago }
cli-profiles-unnamed = (sans nom)
cli-profiles-default = * le profil qu'utilisent les commandes sans --profile (le plus récemment utilisé)
cli-profile-unknown = Aucun profil ne s'appelle « { $wanted } ». Lancez `tvauth profiles` pour les voir (par nom, e-mail, sujet ou identifiant).
cli-profile-ambiguous = « { $wanted } » désigne { $count } profils : donnez plutôt son identifiant (`tvauth profiles` les affiche).
cli-error-too-many-profiles = Ce téléviseur a déjà { $max } profils : supprimez-en un d'abord (`tvauth profiles` les liste ; qui en a un le renouvelle avec `tvauth login --profile NOM`)
cli-error-signed-out = Non connecté. Lancez `tvauth login` pour vous connecter.
cli-error-ended = La session a pris fin chez le fournisseur. Lancez `tvauth login` pour vous reconnecter.
cli-error-offline = Le fournisseur est injoignable ({ $error }). Rien n'est perdu ; réessayez plus tard.
duration-seconds = { $n ->
    [one] { $n } seconde
   *[other] { $n } secondes
}
duration-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
duration-hours = { $n ->
    [one] { $n } heure
   *[other] { $n } heures
}
duration-days = { $n ->
    [one] { $n } jour
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
tv-activate-demo = Connexion de démonstration : aucun vrai compte n'est utilisé.
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
tv-signing-out = Suppression…
tv-sign-out-title = Retirer { $name } de ce téléviseur ?
tv-sign-out-body = La connexion et les contenus enregistrés de { $name } sont effacés de ce téléviseur. Les autres profils restent, et les autres appareils restent connectés.
tv-sign-out-body-unnamed = La connexion et les contenus enregistrés de ce profil sont effacés de ce téléviseur. Les autres profils restent, et les autres appareils restent connectés.
tv-sign-out-confirm = Retirer
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
    [one] { $minutes } minute
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
tv-activate-read-aloud = Lire le code à voix haute
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

# Diagnostic (Info, Menu, Aide ou F1 ; « Aide » sur l'accueil). Jamais un jeton ni un secret.
tv-home-help = Aide
tv-diag-title = Diagnostic
tv-diag-hint = Pour qui aide à la connexion. Rien ici n'est secret. Retour ramène là où vous étiez.
tv-diag-gathering = Collecte en cours…
tv-diag-none = —
tv-diag-this-tv = Ce téléviseur
tv-diag-version = Version de tvauth
tv-diag-profiles = Profils connectés
tv-diag-clock = Horloge
tv-diag-clock-ok = À l'heure du fournisseur
tv-diag-clock-unknown = Pas encore mesurée
tv-diag-config-file = Fichier de réglages
tv-diag-session-file = Fichier de session
tv-diag-provider = Service de connexion
tv-diag-host = Fournisseur
tv-diag-client-id = Identifiant client
tv-diag-scope = Portée (scope)
tv-diag-audience = Audience
tv-diag-network = Réseau
tv-diag-network-ok = Le fournisseur répond ({ $ms } ms)
tv-diag-network-failed = Pas de réponse du fournisseur ({ $code })
tv-diag-endpoints = Points d'accès utilisés
tv-diag-endpoints-unknown = Inconnus : le fournisseur n'a pas répondu
tv-diag-configured = { $url } (défini dans config.ron)
tv-diag-sign-in = Connexion
tv-diag-last-error = Dernière erreur
tv-diag-last-error-value = { $code }, { $ago }
tv-diag-polls = Interrogations
tv-diag-polls-value = { $count } pour ce code, toutes les { $seconds } s
tv-diag-session = Session
tv-diag-signed-out = Personne n'est connecté
tv-diag-issued = Connexion
tv-diag-refreshed = Dernier renouvellement
tv-diag-access-expires = Le jeton d'accès expire
tv-diag-session-ends = Fin de la session
tv-diag-ago = il y a { $duration }
tv-diag-in = dans { $duration }

# `tvauth doctor` : une ligne par vérification, puis quoi corriger et où.
cli-doctor-heading = Vérification de { $path } auprès de { $issuer }
cli-doctor-heading-no-issuer = Vérification de { $path }
cli-doctor-fix = À faire : { $fix }
cli-doctor-said = Le fournisseur a répondu : « { $said } »
cli-doctor-skipped = non vérifié : { $because }
cli-doctor-summary = { $passed } réussie(s), { $failed } en échec, { $skipped } non vérifiée(s).
cli-doctor-ready = Tout est bon : `tvauth login` (ou l’application TV) peut se connecter.
cli-doctor-title-config = config.ron
cli-doctor-title-https = HTTPS
cli-doctor-title-discovery = Découverte
cli-doctor-title-issuer = Émetteur
cli-doctor-title-device-endpoint = Point d’appareil
cli-doctor-title-client-id = ID client
cli-doctor-title-device-grant = Flux d’appareil
cli-doctor-title-audience = Audience
cli-doctor-title-offline-access = Accès hors ligne
cli-doctor-title-jwks = Clés de signature
cli-doctor-title-clock = Horloge
cli-doctor-title-api = API
cli-doctor-title-session-file = Fichier de session
cli-doctor-pass-config = { $path } est valide
cli-doctor-pass-https = toutes les adresses sont en https:// (ou sur cette machine)
cli-doctor-pass-discovery = { $url } trouvé
cli-doctor-pass-issuer = le fournisseur se nomme { $issuer }
cli-doctor-pass-device-endpoint = { $url } (annoncé par le fournisseur)
cli-doctor-pass-device-endpoint-configured = { $url } (indiqué dans config.ron)
cli-doctor-pass-client-id = le fournisseur connaît le client { $client_id }
cli-doctor-pass-device-grant = le fournisseur a donné un code à ce client (inutilisé : il expirera de lui-même)
cli-doctor-pass-audience = le fournisseur accepte { $audience }
cli-doctor-pass-offline-access = offline_access est dans le scope : la TV reste connectée
cli-doctor-pass-jwks = { $keys } clé(s), dont une pour { $alg }
cli-doctor-pass-clock = { $seconds } s d’écart avec l’horloge du fournisseur
cli-doctor-pass-api = { $url } répond (HTTP { $status } sans jeton)
cli-doctor-pass-session-file = { $path } se lit et est privé
cli-doctor-why-config-missing = Il n’y a pas de { $path }.
cli-doctor-why-config-invalid = config.ron est inutilisable : { $message }
cli-doctor-why-insecure = { $place } vaut { $url } : en http:// hors de cette machine, codes et jetons circuleraient en clair.
cli-doctor-why-unreachable = Le fournisseur est injoignable : { $detail }
cli-doctor-why-server-trouble = Le fournisseur a répondu HTTP { $status } (panne ou limite de débit).
cli-doctor-why-no-discovery = L’émetteur ne sert aucun document de découverte à { $url } : l’émetteur est sans doute faux.
cli-doctor-why-discovery-unusable = Le document de découverte est inutilisable : { $detail }
cli-doctor-why-issuer-mismatch = Le fournisseur se nomme { $stated }, mais config.ron indique { $configured }.
cli-doctor-why-no-device-endpoint = Le fournisseur n’annonce aucun point de terminaison d’autorisation d’appareil.
cli-doctor-why-secret-unreadable = Le secret client est illisible : { $detail }
cli-doctor-why-client-unknown = Le fournisseur n’accepte pas ce client (client_id faux, ou secret faux).
cli-doctor-why-grant-refused = Le fournisseur n’autorise pas le flux d’appareil à ce client.
cli-doctor-why-audience-refused = Le fournisseur refuse l’audience { $audience } (la même demande sans elle fonctionne).
cli-doctor-why-refused = Le fournisseur a refusé de donner un code ({ $code }).
cli-doctor-why-unexpected = La réponse du fournisseur est incompréhensible : { $detail }
cli-doctor-why-no-offline-access = offline_access n’est pas dans le scope : pas de jeton d’actualisation, et la TV redemandera une connexion à chaque expiration du jeton d’accès.
cli-doctor-why-no-jwks-uri = Le fournisseur n’annonce pas ses clés de signature (jwks_uri) : impossible de vérifier les jetons d’ID.
cli-doctor-why-jwks-unreadable = Les clés de signature sont inaccessibles : { $detail }
cli-doctor-why-no-usable-algorithm = Le fournisseur signe les jetons d’ID en { $advertised } seulement ; tvauth accepte RS256 ou ES256.
cli-doctor-why-no-key = Les clés de signature n’en ont aucune pour { $algorithms }.
cli-doctor-why-api-status = { $url } a répondu HTTP { $status }.
cli-doctor-why-api-unreachable = { $url } est injoignable : { $detail }
cli-doctor-why-session-unreadable = { $path } est illisible : { $detail }
cli-doctor-why-too-open = { $path } a le mode { $mode } : d’autres peuvent lire le fichier des jetons ou son dossier.
cli-doctor-fix-create-config = écrivez { $path } pour cet utilisateur, ou { $system } pour tous les utilisateurs de ce boîtier (voir « Set up Auth0 for tvauth » dans le README), ou passez --config FICHIER.
cli-doctor-fix-edit-config = corrigez config.ron à l’endroit indiqué.
cli-doctor-fix-use-https = mettez une adresse https:// dans `{ $field }` de config.ron.
cli-doctor-fix-provider-https = le fournisseur doit publier des adresses https:// : vérifiez son URL publique (Auth0 le fait toujours).
cli-doctor-fix-check-network = vérifiez que ce boîtier joint l’hôte de l’émetteur (DNS, proxy, pare-feu) et l’orthographe de `issuer`.
cli-doctor-fix-try-later = attendez un peu et relancez `tvauth doctor`.
cli-doctor-fix-issuer-domain = mettez dans `issuer` https://VOTRE-DOMAINE/, avec le Domain affiché dans Auth0 Dashboard → Applications → Applications → (votre application) → Settings (Paramètres) → Basic Information → Domain.
cli-doctor-fix-issuer-as = mettez dans `issuer` exactement { $stated } (Auth0 : le Domain de Applications → Applications → (votre application) → Settings (Paramètres) → Basic Information, ou votre domaine personnalisé).
cli-doctor-fix-set-device-endpoint = indiquez `device_authorization_endpoint` dans config.ron (Auth0 : https://VOTRE-DOMAINE/oauth/device/code).
cli-doctor-fix-client-id = copiez dans `client_id` le Client ID (ID client) de Auth0 Dashboard → Applications → Applications → (votre application) → Settings (Paramètres) → Basic Information → Client ID.
cli-doctor-fix-secret-file = rendez le fichier du secret lisible par cet utilisateur seul (chmod 600), ou donnez à l’unité du kiosque l’identifiant systemd client-secret (LoadCredential=, voir le README).
cli-doctor-fix-enable-device-grant = dans Auth0 Dashboard → Applications → Applications → (votre application) → Settings (Paramètres) → Advanced Settings (Paramètres avancés) → Grant Types (Types d’autorisation), cochez Device Code (Code de l’appareil) (et Refresh Token), puis Save Changes. L’application doit être de type Native (Natif).
cli-doctor-fix-enable-device-grant-confidential = Auth0 ne donne des codes qu’aux applications publiques Native (Natif) : retirez `client_secret_file` de config.ron et utilisez une application Native, avec Auth0 Dashboard → Applications → Applications → (votre application) → Settings (Paramètres) → Advanced Settings (Paramètres avancés) → Grant Types (Types d’autorisation) → Device Code (Code de l’appareil) coché.
cli-doctor-fix-audience = mettez dans `audience` l’Identifier (identifiant) de votre API, affiché dans Auth0 Dashboard → Applications → APIs → (votre API) → Settings (Paramètres) → Identifier ; ou retirez `audience` si la TV n’appelle aucune API à vous.
cli-doctor-fix-provider-settings = lisez la réponse du fournisseur et vérifiez l’application dans Auth0 Dashboard → Applications → Applications → (votre application) → Settings (Paramètres).
cli-doctor-fix-offline-access = ajoutez offline_access au `scope` de config.ron, et activez Auth0 Dashboard → Applications → APIs → (votre API) → Settings (Paramètres) → Access Settings → Allow Offline Access (Autoriser l’accès hors ligne).
cli-doctor-fix-jwks-uri = indiquez `jwks_uri` dans config.ron, ou retirez openid du `scope` si le fournisseur ne délivre pas de jetons d’ID.
cli-doctor-fix-signing-algorithm = signez en RS256 : Auth0 Dashboard → Applications → Applications → (votre application) → Settings (Paramètres) → Advanced Settings (Paramètres avancés) → OAuth → JSON Web Token (JWT) Signature Algorithm → RS256.
cli-doctor-fix-network-time = activez l’heure réseau sur ce boîtier (`sudo timedatectl set-ntp true`). tvauth s’en accommode, pas les certificats ni les journaux.
cli-doctor-fix-api-address = vérifiez `api_base_url` (et `home_path`) dans config.ron : l’adresse de votre API, terminée par /.
cli-doctor-fix-chmod = chmod { $mode } { $path }
cli-doctor-fix-sign-in-again = lancez `tvauth login` pour vous reconnecter (le fichier illisible est alors mis de côté, conservé pour examen).
cli-doctor-fix-run-as-owner = lancez le diagnostic sous l’utilisateur de tvauth (sur un kiosque : sudo -u tvauth -H tvauth doctor).
cli-doctor-because-config-unusable = config.ron est inutilisable
cli-doctor-because-provider-unusable = la découverte et l’émetteur doivent d’abord réussir
cli-doctor-because-no-device-endpoint = aucun point d’appareil à interroger
cli-doctor-because-client-not-accepted = le fournisseur doit d’abord donner un code
cli-doctor-because-no-audience = pas d’audience dans config.ron (jetons pour aucune API à vous)
cli-doctor-because-no-openid = pas d’openid dans le scope : aucun jeton d’ID à vérifier
cli-doctor-because-no-date = la réponse du fournisseur n’a pas d’en-tête Date
cli-doctor-because-no-api = pas d’api_base_url dans config.ron
cli-doctor-because-no-session = personne ne s’est encore connecté sur ce boîtier
tv-diag-tokens = Jetons
tv-diag-tokens-bound = Liés à la clé de ce téléviseur (DPoP)
tv-diag-tokens-bearer = Porteur (non liés à ce téléviseur)
tv-sign-out-title-unnamed = Retirer ce profil de ce téléviseur ?
tv-home-switch = Changer de profil
tv-picker-title = Qui regarde ?
tv-picker-add = Ajouter quelqu’un
tv-picker-sign-in-again = Se reconnecter
tv-picker-unnamed = Quelqu’un
tv-picker-hint = Choisissez avec ← et →, puis appuyez sur OK.
tv-ended-title = { $name }, votre connexion sur ce téléviseur a pris fin
tv-ended-title-unnamed = Votre connexion sur ce téléviseur a pris fin
tv-ended-body = Votre compte y a mis fin : déconnexion ailleurs, nouveau mot de passe ou durée écoulée. Reconnectez-vous avec votre téléphone ; votre profil reste ici.
tv-ended-action = Se reconnecter
tv-activate-add-title = Ajouter quelqu’un à ce téléviseur
tv-activate-again-title = Se reconnecter sur ce téléviseur
tv-ended-remove = Retirer de ce téléviseur
