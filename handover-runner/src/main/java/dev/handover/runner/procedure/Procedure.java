package dev.handover.runner.procedure;

import java.util.List;
import java.util.Objects;

/**
 * The procedure as a document: a title, then sections of paragraphs, lists and rules. The words are final here; the
 * formats ({@link Format}) only lay them out, so text, Markdown and HTML say the same.
 *
 * @param title the document's title
 * @param sections its sections, in order
 */
public record Procedure(String title, List<Section> sections) {
    /** Validates and copies. */
    public Procedure {
        Objects.requireNonNull(title, "title");
        sections = List.copyOf(sections);
    }

    /**
     * A section: a heading (empty for the opening section) and its blocks.
     *
     * @param heading the heading, or empty
     * @param blocks what it holds
     */
    record Section(String heading, List<Block> blocks) {
        Section {
            Objects.requireNonNull(heading, "heading");
            blocks = List.copyOf(blocks);
        }
    }

    /** A paragraph, a list, or a rule. */
    sealed interface Block permits Paragraph, Items, Rule {}

    /** Running text, one or more sentences. */
    record Paragraph(String text) implements Block {
        Paragraph {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A bulleted list. */
    record Items(List<Item> items) implements Block {
        Items {
            items = List.copyOf(items);
        }
    }

    /**
     * One rule: its number and heading, then its items (When, Why, To, …).
     *
     * @param number its position among the rules, from 1
     * @param heading "id — description"
     * @param items what it says
     */
    record Rule(int number, String heading, List<Item> items) implements Block {
        Rule {
            Objects.requireNonNull(heading, "heading");
            items = List.copyOf(items);
        }
    }

    /**
     * A list item: an optional label ("When"), its text, and numbered steps under it (a rule's actions).
     *
     * @param label the label, or empty
     * @param text the text
     * @param steps numbered steps, usually none
     */
    record Item(String label, String text, List<String> steps) {
        Item {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(text, "text");
            steps = List.copyOf(steps);
        }

        static Item of(String text) {
            return new Item("", text, List.of());
        }

        static Item labelled(String label, String text) {
            return new Item(label, text, List.of());
        }
    }
}
