//! Friends on the sync server: who the reader follows, who follows them,
//! and the friends among them (both ways); following by username and
//! unfollowing. In the window's types (`core::wire::friends`). Needs an
//! account (`account::Account::call`).

use companion_core::wire::{PeopleView, PersonView};
use reqwest::Method;
use serde::Deserialize;

use crate::account::Account;
use crate::error::{Error, Result};
use crate::store::Store;

#[derive(Debug, Clone, Deserialize)]
struct Person {
    id: String,
    username: String,
    display_name: String,
}

impl From<Person> for PersonView {
    fn from(p: Person) -> PersonView {
        PersonView {
            id: p.id,
            username: p.username,
            display_name: p.display_name,
        }
    }
}

/// The three lists from the server's two: friends are in both.
fn sorted(following: Vec<Person>, followers: Vec<Person>) -> PeopleView {
    let follows_me = |id: &str| followers.iter().any(|p| p.id == id);
    let i_follow = |id: &str| following.iter().any(|p| p.id == id);
    let by_name = |mut list: Vec<PersonView>| {
        list.sort_by_key(|p| p.display_name.to_lowercase());
        list
    };
    let (friends, only_following): (Vec<Person>, Vec<Person>) =
        following.iter().cloned().partition(|p| follows_me(&p.id));
    let only_followers = followers.iter().filter(|p| !i_follow(&p.id)).cloned();
    PeopleView {
        friends: by_name(friends.into_iter().map(PersonView::from).collect()),
        following: by_name(only_following.into_iter().map(PersonView::from).collect()),
        followers: by_name(only_followers.map(PersonView::from).collect()),
    }
}

/// The reader's people.
pub async fn people(account: &Account, store: &Store, now: i64) -> Result<PeopleView> {
    let following: Vec<Person> = account
        .call(store, (Method::GET, "/users/me/following"), None, now)
        .await?;
    let followers: Vec<Person> = account
        .call(store, (Method::GET, "/users/me/followers"), None, now)
        .await?;
    Ok(sorted(following, followers))
}

/// Follows someone by username (an `@` before it is fine).
pub async fn follow(
    account: &Account,
    store: &Store,
    username: &str,
    now: i64,
) -> Result<PeopleView> {
    let username = username.trim().trim_start_matches('@');
    if username.is_empty() {
        return Err(Error::Invalid(
            "Type the username of someone to follow.".into(),
        ));
    }
    let found: Person = account
        .call(
            store,
            (Method::GET, &crate::chat::user_query(username)),
            None,
            now,
        )
        .await?;
    let path = format!("/users/{}/follow", found.id);
    account.act(store, (Method::POST, &path), None, now).await?;
    people(account, store, now).await
}

/// Stops following someone.
pub async fn unfollow(
    account: &Account,
    store: &Store,
    user: &str,
    now: i64,
) -> Result<PeopleView> {
    let path = format!("/users/{}/follow", crate::chat::segment(user)?);
    account
        .act(store, (Method::DELETE, &path), None, now)
        .await?;
    people(account, store, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: &str, name: &str) -> Person {
        Person {
            id: id.into(),
            username: id.into(),
            display_name: name.into(),
        }
    }

    #[test]
    fn both_ways_is_a_friend_and_each_one_way_list_keeps_the_rest() {
        let following = vec![p("b", "bilal"), p("m", "Maryam"), p("a", "Aisha")];
        let followers = vec![p("m", "Maryam"), p("z", "Zaid"), p("b", "bilal")];
        let view = sorted(following, followers);
        let ids = |list: &[PersonView]| list.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&view.friends), ["b", "m"], "by name, ignoring case");
        assert_eq!(ids(&view.following), ["a"]);
        assert_eq!(ids(&view.followers), ["z"]);
    }
}
