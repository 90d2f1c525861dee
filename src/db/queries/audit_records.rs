//! What the audit log keeps of a record: the log's own format, built from the row, independent of
//! any API view, so that a change to what the API shows never changes how history reads (and
//! the data layer needs no view). Every field is named; a secret (a password hash, the token
//! cut-off) is left out by name.

use serde_json::{Value, json};

use crate::db::entities::{deal, invoice, payment, payout, user};

/// A record as the audit log keeps it (camelCase JSON).
pub trait AuditRecord {
    fn audit_record(&self) -> Value;
}

/// An entry about no record's fields (an erasure, a preview).
pub enum NoRecord {}

impl AuditRecord for NoRecord {
    fn audit_record(&self) -> Value {
        match *self {}
    }
}

/// A record already in the log's format, kept as it is.
impl AuditRecord for Value {
    fn audit_record(&self) -> Value {
        self.clone()
    }
}

impl AuditRecord for deal::Model {
    fn audit_record(&self) -> Value {
        let deal::Model {
            id,
            talent_id,
            brand_id,
            name,
            stage,
            value_minor,
            currency,
            start_date,
            end_date,
            next_action,
            next_action_due_at,
            negotiation_notes,
            agent_notes,
            contract_terms,
            created_at,
            updated_at,
        } = self;
        json!({
            "id": id, "talentId": talent_id, "brandId": brand_id, "name": name, "stage": stage,
            "valueMinor": value_minor, "currency": currency, "startDate": start_date,
            "endDate": end_date, "nextAction": next_action, "nextActionDueAt": next_action_due_at,
            "negotiationNotes": negotiation_notes, "agentNotes": agent_notes,
            "contractTerms": contract_terms, "createdAt": created_at, "updatedAt": updated_at,
        })
    }
}

impl AuditRecord for invoice::Model {
    fn audit_record(&self) -> Value {
        let invoice::Model {
            id,
            deal_id,
            // The deal's creator, copied from it: the record names the deal.
            talent_id: _,
            amount_minor,
            currency,
            status,
            invoice_number,
            issued_at,
            due_at,
            paid_at,
            created_at,
            updated_at,
        } = self;
        json!({
            "id": id, "dealId": deal_id, "amountMinor": amount_minor, "currency": currency,
            "status": status, "invoiceNumber": invoice_number, "issuedAt": issued_at,
            "dueAt": due_at, "paidAt": paid_at, "createdAt": created_at, "updatedAt": updated_at,
        })
    }
}

impl AuditRecord for payment::Model {
    fn audit_record(&self) -> Value {
        let payment::Model {
            id,
            invoice_id,
            amount_minor,
            currency,
            method,
            received_at,
            reference,
            created_at,
            updated_at,
        } = self;
        json!({
            "id": id, "invoiceId": invoice_id, "amountMinor": amount_minor, "currency": currency,
            "method": method, "receivedAt": received_at, "reference": reference,
            "createdAt": created_at, "updatedAt": updated_at,
        })
    }
}

impl AuditRecord for payout::Model {
    fn audit_record(&self) -> Value {
        let payout::Model {
            id,
            talent_id,
            deal_id,
            amount_minor,
            currency,
            status,
            scheduled_for,
            paid_at,
            reference,
            created_at,
            updated_at,
        } = self;
        json!({
            "id": id, "talentId": talent_id, "dealId": deal_id, "amountMinor": amount_minor,
            "currency": currency, "status": status, "scheduledFor": scheduled_for,
            "paidAt": paid_at, "reference": reference, "createdAt": created_at,
            "updatedAt": updated_at,
        })
    }
}

impl AuditRecord for user::Model {
    fn audit_record(&self) -> Value {
        let user::Model {
            id,
            email,
            name,
            role,
            active,
            onboarding_status,
            password_hash: _,
            admin_notes,
            tokens_valid_from: _,
            created_at,
            updated_at,
        } = self;
        json!({
            "id": id, "email": email, "name": name, "role": role, "active": active,
            "onboardingStatus": onboarding_status, "adminNotes": admin_notes,
            "createdAt": created_at, "updatedAt": updated_at,
        })
    }
}
