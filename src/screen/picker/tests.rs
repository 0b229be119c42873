use super::*;
use crate::session::{Profile, ProfileId};

fn member(id: &str, name: &str, last_used_at: u64, state: MemberState) -> Member {
    Member {
        id: ProfileId::parse(&format!("{id:0>8}")).unwrap(),
        person: Profile {
            sub: format!("sub-{id}"),
            name: Some(name.into()),
            email: None,
            picture: None,
        },
        added_at: 1_800_000_000,
        last_used_at,
        state,
    }
}

fn picker(members: Vec<Member>) -> Picker {
    Picker {
        avatars: vec![None; members.len()],
        members,
        focus: Focus::Add,
        _avatars: None,
    }
}

#[test]
fn focus_starts_on_the_profile_used_last() {
    let members = vec![
        member("a", "Alex", 10, MemberState::SignedIn),
        member("b", "Sam", 30, MemberState::SignedIn),
        member("c", "Camille", 20, MemberState::Ended),
    ];
    assert_eq!(most_recent(&members), Some(1));
    // A tie goes to the first in the row.
    let tied = vec![
        member("a", "Alex", 5, MemberState::SignedIn),
        member("b", "Sam", 5, MemberState::SignedIn),
    ];
    assert_eq!(most_recent(&tied), Some(0));
    assert_eq!(most_recent(&[]), None);
}

#[test]
fn arrows_walk_the_row_and_stop_at_its_ends() {
    let mut p = picker(vec![
        member("a", "Alex", 10, MemberState::SignedIn),
        member("b", "Sam", 30, MemberState::SignedIn),
    ]);
    p.focus = Focus::Seat(0);
    assert!(matches!(p.update(Message::Nav(NavKey::Left)), Action::None));
    assert_eq!(p.focus(), Focus::Seat(0));
    p.update(Message::Nav(NavKey::Right));
    assert_eq!(p.focus(), Focus::Seat(1));
    p.update(Message::Nav(NavKey::Right));
    assert_eq!(p.focus(), Focus::Add);
    p.update(Message::Nav(NavKey::Right));
    assert_eq!(p.focus(), Focus::Add);
    p.update(Message::Nav(NavKey::Up));
    assert_eq!(p.focus(), Focus::Add);
    assert!(matches!(p.update(Message::Nav(NavKey::Ok)), Action::Add));
    assert!(matches!(
        p.update(Message::Nav(NavKey::Back)),
        Action::AskToExit
    ));
}

#[test]
fn ok_opens_a_profile_or_signs_an_ended_one_in_again() {
    let mut p = picker(vec![
        member("a", "Alex", 10, MemberState::SignedIn),
        member("b", "Sam", 30, MemberState::Ended),
    ]);
    p.focus = Focus::Seat(0);
    assert!(
        matches!(p.update(Message::Nav(NavKey::Ok)), Action::Open(m) if m.id.as_str() == "0000000a")
    );
    assert!(
        matches!(p.update(Message::SeatPressed(1)), Action::SignInAgain(m) if m.id.as_str() == "0000000b")
    );
    assert_eq!(p.focus(), Focus::Seat(1));
}

#[test]
fn a_full_tv_offers_no_addition() {
    let members: Vec<_> = (0..MAX_PROFILES)
        .map(|i| member(&format!("{i}"), "Someone", i as u64, MemberState::SignedIn))
        .collect();
    let mut p = picker(members);
    assert!(!p.offers_add());
    p.focus = Focus::Seat(MAX_PROFILES - 2);
    p.update(Message::Nav(NavKey::Right));
    p.update(Message::Nav(NavKey::Right));
    assert_eq!(p.focus(), Focus::Seat(MAX_PROFILES - 1));
    assert!(matches!(p.update(Message::AddPressed), Action::None));
}

#[test]
fn pictures_for_another_row_are_ignored() {
    let mut p = picker(vec![member("a", "Alex", 10, MemberState::SignedIn)]);
    p.update(Message::AvatarsLoaded(vec![None, None]));
    assert_eq!(p.avatars.len(), 1);
}
