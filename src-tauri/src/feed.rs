//! The Daily Deen feed from the sync server: a page of posts the reader
//! may see, a reflection posted, a reaction given or taken back; in the
//! window's types (`core::wire::feed`). Needs an account
//! (`account::Account::call`).

use companion_core::wire::{
    Audience, FeedPage, FeedPost, FeedRequest, MilestoneView, ReactRequest, Reaction,
    ReflectRequest,
};
use companion_core::AyahRef;
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use crate::account::Account;
use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Deserialize)]
struct Who {
    id: String,
    username: String,
    display_name: String,
}

#[derive(Debug, Deserialize)]
struct PostAyah {
    surah: u16,
    ayah: u16,
    text: String,
}

#[derive(Debug, Deserialize)]
struct Milestone {
    name: String,
    value: i64,
    achievement: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Counts {
    subhanallah: i64,
    ameen: i64,
    mashaallah: i64,
}

#[derive(Debug, Deserialize)]
struct Post {
    id: i64,
    author: Who,
    visibility: String,
    body: String,
    ayah: Option<PostAyah>,
    milestone: Option<Milestone>,
    created_at: i64,
    #[serde(default)]
    reactions: Counts,
    my_reaction: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Page {
    posts: Vec<Post>,
    next_before: Option<i64>,
}

fn reaction(name: &str) -> Option<Reaction> {
    Reaction::ALL.into_iter().find(|r| r.as_str() == name)
}

fn post(p: Post, me: &str) -> FeedPost {
    let count = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
    FeedPost {
        id: p.id,
        mine: p.author.id == me,
        author_name: p.author.display_name,
        author_username: p.author.username,
        audience: Audience::ALL
            .into_iter()
            .find(|a| a.as_str() == p.visibility)
            .unwrap_or(Audience::Private),
        body: p.body,
        ayah: p
            .ayah
            .and_then(|a| Some((AyahRef::new(a.surah, a.ayah).ok()?, a.text))),
        milestone: p.milestone.map(|m| MilestoneView {
            name: m.name,
            value: m.value,
            achievement: m.achievement,
        }),
        created_at: p.created_at,
        counts: [
            count(p.reactions.subhanallah),
            count(p.reactions.ameen),
            count(p.reactions.mashaallah),
        ],
        my_reaction: p.my_reaction.as_deref().and_then(reaction),
    }
}

async fn me(account: &Account, store: &Store) -> Result<String> {
    Ok(account.user_id(store).await?.unwrap_or_default())
}

/// A page of the feed, newest first.
pub async fn page(
    account: &Account,
    store: &Store,
    request: &FeedRequest,
    now: i64,
) -> Result<FeedPage> {
    let path = match request.before {
        Some(before) => format!("/feed?limit=20&before={before}"),
        None => "/feed?limit=20".to_owned(),
    };
    let page: Page = account.call(store, (Method::GET, &path), None, now).await?;
    let me = me(account, store).await?;
    Ok(FeedPage {
        posts: page.posts.into_iter().map(|p| post(p, &me)).collect(),
        next_before: page.next_before,
    })
}

/// Posts a reflection.
pub async fn reflect(
    account: &Account,
    store: &Store,
    request: &ReflectRequest,
    now: i64,
) -> Result<FeedPost> {
    let body = json!({
        "body": request.body.trim(),
        "visibility": request.audience.as_str(),
        "ayah": request.ayah.map(|a| json!({ "surah": a.surah(), "ayah": a.ayah() })),
    });
    let made: Post = account
        .call(store, (Method::POST, "/feed/posts"), Some(body), now)
        .await?;
    Ok(post(made, &me(account, store).await?))
}

/// Reacts to a post, or takes the reaction back.
pub async fn react(
    account: &Account,
    store: &Store,
    request: &ReactRequest,
    now: i64,
) -> Result<FeedPost> {
    let path = format!("/feed/posts/{}/react", request.post);
    let call = match request.reaction {
        Some(r) => (Method::PUT, Some(json!({ "reaction": r.as_str() }))),
        None => (Method::DELETE, None),
    };
    let updated: Post = account.call(store, (call.0, &path), call.1, now).await?;
    Ok(post(updated, &me(account, store).await?))
}
