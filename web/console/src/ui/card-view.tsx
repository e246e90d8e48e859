import { For, type JSX, Show } from "solid-js";
import type { CardContent } from "../data/catalog";
import { useI18n } from "../providers/i18n-provider";

type Props = {
  card: Pick<CardContent, "title" | "body" | "buttons" | "links" | "form">;
  /** The card's image, where the viewer has one to show. */
  image?: JSX.Element;
};

/** A catalog card as the customer sees it: image, title, body, links, buttons and form fields. Text only, never markup. */
export function CardView(props: Props) {
  const { t } = useI18n();
  return (
    <article class="catalog-card" aria-label={t("catalog.cardLabel", { title: props.card.title })}>
      {props.image}
      <h4 class="catalog-card-title">{props.card.title}</h4>
      <Show when={props.card.body}>
        <p class="catalog-card-body">{props.card.body}</p>
      </Show>
      <Show when={props.card.links?.length}>
        <ul class="catalog-card-links">
          <For each={props.card.links}>
            {(link) => (
              <li>
                <a href={link.url} target="_blank" rel="noopener noreferrer">
                  {link.title}
                  <span class="visually-hidden"> {t("content.newTab")}</span>
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.card.buttons?.length}>
        <ul class="sent-options" aria-label={t("content.buttons")}>
          <For each={props.card.buttons}>{(button) => <li>{button.title}</li>}</For>
        </ul>
      </Show>
      <Show when={props.card.form?.length}>
        <ul class="catalog-card-form" aria-label={t("catalog.formHeading")}>
          <For each={props.card.form}>
            {(field) => (
              <li>
                {field.label} <span class="muted">({t(`catalog.fieldType.${field.type}`)})</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </article>
  );
}
