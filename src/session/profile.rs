//! Who signed in, from a token answer: the validated ID token, else userinfo; and a fresher
//! profile saved after a refresh when it still describes the same person.

use super::{Account, Profile, SESSION_FILE, SessionError, SessionFile};
use crate::auth::dpop::Dpop;
use crate::auth::{self, AuthError, Provider, Secret};

impl Account {
    /// Saves a profile fetched after a refresh, if the session it belongs to (the one holding
    /// `access`) is still there and it describes the same person.
    /// The profile's member.ron is updated too (under the box's lock, taken first).
    pub(super) async fn keep_fresher_profile(&self, profile: Profile, access: &Secret) {
        let store = self.store();
        if !store.dir().exists() {
            return;
        }
        let Ok(_box_lock) = self.box_store().lock().await else {
            return;
        };
        let Ok(_lock) = store.lock().await else {
            return;
        };
        let Ok(loaded) = store.load::<SessionFile>(SESSION_FILE) else {
            return;
        };
        let mut file = loaded.value;
        let Some(session) = self.matching(&mut file) else {
            return;
        };
        let same_session = session
            .access_token
            .as_ref()
            .is_some_and(|a| a.expose() == access.expose());
        let same_person = profile.sub == session.profile.sub || session.profile.sub.is_empty();
        if same_session && same_person && !profile.sub.is_empty() && profile != session.profile {
            session.profile = profile.clone();
            let saved = store
                .save(SESSION_FILE, &file)
                .map_err(SessionError::from)
                .and_then(|()| self.update_member(&store, |member| member.person = profile));
            if let Err(error) = saved {
                tracing::warn!(%error, "could not save the fresher profile");
            }
        }
    }

    /// The profile in a token answer: the validated ID token (with `nonce` checked when
    /// given), else userinfo.
    pub(super) async fn profile_from(
        &self,
        provider: &Provider,
        id_token: Option<&Secret>,
        access: &Secret,
        dpop: Option<&Dpop>,
        nonce: Option<&str>,
        claims_now: u64,
    ) -> Result<Profile, SessionError> {
        if let Some(id_token) = id_token {
            let claims = self
                .shared
                .jwks
                .validate(
                    self.http()?,
                    provider,
                    &self.shared.config.client_id,
                    id_token.expose(),
                    nonce,
                    claims_now,
                )
                .await?;
            let mut profile = Profile::from(claims.person);
            // An ID token with only `sub`: userinfo may know more, when it accepts this
            // access token (some providers refuse tokens minted for another audience).
            if profile.name.is_none() && profile.email.is_none() {
                match self.userinfo(provider, access, dpop).await {
                    Ok(more) if more.sub == profile.sub => profile = more,
                    Ok(_) => tracing::warn!("userinfo describes another subject: ignored"),
                    Err(error) => tracing::debug!(%error, "userinfo unusable"),
                }
            }
            return Ok(profile);
        }
        // No ID token (plain OAuth servers): userinfo when it answers, else signed in
        // without a name. The tokens are good; failing the sign-in here would waste them.
        match self.userinfo(provider, access, dpop).await {
            Ok(profile) => Ok(profile),
            Err(error) => {
                tracing::info!(code = %error.short_code(), "no ID token and no usable userinfo");
                Ok(Profile::unnamed())
            }
        }
    }

    async fn userinfo(
        &self,
        provider: &Provider,
        access: &Secret,
        dpop: Option<&Dpop>,
    ) -> Result<Profile, SessionError> {
        let endpoint = provider.userinfo_endpoint.as_ref().ok_or_else(|| {
            SessionError::Auth(AuthError::Discovery("no userinfo endpoint".into()))
        })?;
        let info = auth::userinfo::fetch(self.http()?, endpoint, access, dpop).await?;
        Ok(Profile::from(info))
    }
}
