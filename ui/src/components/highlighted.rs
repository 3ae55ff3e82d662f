//! Text with some ranges marked, for search results.

use yew::prelude::*;

use crate::text::highlight_segments;

#[derive(Properties, PartialEq)]
pub struct HighlightedProps {
    pub text: AttrValue,
    pub ranges: Vec<(usize, usize)>,
}

#[component]
pub fn Highlighted(props: &HighlightedProps) -> Html {
    highlight_segments(&props.text, &props.ranges)
        .into_iter()
        .map(|(segment, marked)| {
            if marked {
                html! { <mark>{ segment }</mark> }
            } else {
                html! { { segment } }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn matches_are_wrapped_in_mark_elements() {
        let props = HighlightedProps {
            text: "the Merciful, the Merciful".into(),
            ranges: vec![(4, 12)],
        };
        let html = yew::LocalServerRenderer::<Highlighted>::with_props(props)
            .render()
            .await;
        assert!(html.contains("<mark>Merciful</mark>"), "{html}");
        assert!(
            html.contains(", the Merciful"),
            "the rest is plain text: {html}"
        );
    }
}
