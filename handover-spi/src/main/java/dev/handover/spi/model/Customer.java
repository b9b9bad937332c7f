package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;
import java.util.Locale;
import java.util.Optional;

/**
 * The customer who raised a ticket. Text fields are never null: what the CRM does not know is the empty string.
 *
 * <p>{@link #toString()} leaves out personal data (name, e-mail, phone) so a customer logged by accident does not leak
 * it.
 *
 * @param id the CRM's id of the requester, or empty
 * @param name full name, or empty
 * @param email e-mail address, or empty
 * @param phone phone number, or empty
 * @param language the customer's preferred language, if known
 * @param organization the customer's organization or account name, or empty
 * @param tier the customer's service tier (for example {@code gold}), or empty
 * @param preferredChannel how the customer prefers to be contacted, if known
 * @param salutation how the customer is addressed formally, as the CRM holds it ({@code Frau}, {@code Mr.},
 *     {@code Dr.}), or empty
 */
public record Customer(
        String id,
        String name,
        String email,
        String phone,
        Optional<Locale> language,
        String organization,
        String tier,
        Optional<Channel> preferredChannel,
        String salutation) {

    /** A customer the CRM tells nothing about. */
    public static final Customer UNKNOWN = new Customer("", "", "", "", Optional.empty(), "", "", Optional.empty(), "");

    /** Validates that no component is null. */
    public Customer {
        Checks.text(id, "customer id");
        Checks.text(name, "customer name");
        Checks.text(email, "customer email");
        Checks.text(phone, "customer phone");
        Checks.optional(language, "customer language");
        Checks.text(organization, "customer organization");
        Checks.text(tier, "customer tier");
        Checks.optional(preferredChannel, "customer preferred channel");
        Checks.text(salutation, "customer salutation");
    }

    /** A customer without a salutation. */
    public Customer(
            String id,
            String name,
            String email,
            String phone,
            Optional<Locale> language,
            String organization,
            String tier,
            Optional<Channel> preferredChannel) {
        this(id, name, email, phone, language, organization, tier, preferredChannel, "");
    }

    /** A builder starting from {@link #UNKNOWN}. */
    public static Builder builder() {
        return new Builder(UNKNOWN);
    }

    /** A builder starting from this customer. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Shows the id and which details are present, never their values. */
    @Override
    public String toString() {
        return "Customer[id=" + id + ", name=" + present(name) + ", email=" + present(email) + ", phone="
                + present(phone) + ", language="
                + language.map(Locale::toLanguageTag).orElse("?") + ", tier=" + tier
                + "]";
    }

    private static String present(String s) {
        return s.isEmpty() ? "none" : "<redacted>";
    }

    /** Builds a {@link Customer}. */
    public static final class Builder {
        private String id;
        private String name;
        private String email;
        private String phone;
        private Locale language;
        private String organization;
        private String tier;
        private Channel preferredChannel;
        private String salutation;

        private Builder(Customer from) {
            id = from.id;
            name = from.name;
            email = from.email;
            phone = from.phone;
            language = from.language.orElse(null);
            organization = from.organization;
            tier = from.tier;
            preferredChannel = from.preferredChannel.orElse(null);
            salutation = from.salutation;
        }

        /** How the customer is addressed formally ({@code Frau}, {@code Mr.}), or empty. */
        public Builder salutation(String salutation) {
            this.salutation = Checks.text(salutation, "customer salutation").strip();
            return this;
        }

        /** The CRM's id of the requester. */
        public Builder id(String id) {
            this.id = Checks.text(id, "customer id");
            return this;
        }

        /** Full name. */
        public Builder name(String name) {
            this.name = Checks.text(name, "customer name");
            return this;
        }

        /** E-mail address. */
        public Builder email(String email) {
            this.email = Checks.text(email, "customer email");
            return this;
        }

        /** Phone number. */
        public Builder phone(String phone) {
            this.phone = Checks.text(phone, "customer phone");
            return this;
        }

        /** Preferred language, or null when unknown. */
        public Builder language(Locale language) {
            this.language = language;
            return this;
        }

        /** Organization or account name. */
        public Builder organization(String organization) {
            this.organization = Checks.text(organization, "customer organization");
            return this;
        }

        /** Service tier. */
        public Builder tier(String tier) {
            this.tier = Checks.text(tier, "customer tier");
            return this;
        }

        /** Preferred contact channel, or null when unknown. */
        public Builder preferredChannel(Channel channel) {
            this.preferredChannel = channel;
            return this;
        }

        /** The customer. */
        public Customer build() {
            return new Customer(
                    id,
                    name,
                    email,
                    phone,
                    Optional.ofNullable(language),
                    organization,
                    tier,
                    Optional.ofNullable(preferredChannel),
                    salutation);
        }
    }
}
