/**
 * Procore records in the shapes the v1.x REST API returns them: snake_case field names, nested
 * user/vendor references, ISO-8601 timestamps, `YYYY-MM-DD` dates, integer ids. Money is a number
 * where the API sends numbers (project values, budget rows) and a decimal string where it sends
 * strings (commitments, change order packages).
 */

/** A user as Procore nests it (`created_by`, `assignee`, `ball_in_court`, ...). */
export interface ProcoreUserRef {
  readonly id: number;
  readonly login: string;
  readonly name: string;
}

export interface ProcoreRfiAssignee extends ProcoreUserRef {
  readonly locale: string;
  readonly response_required: boolean;
}

export interface ProcoreIdName {
  readonly id: number;
  readonly name: string;
}

export interface ProcoreCurrency {
  readonly currency_iso_code: string;
}

export interface ProcoreCompany {
  readonly id: number;
  readonly name: string;
  readonly is_active: boolean;
  readonly logo_url: string | null;
}

export interface ProcoreProject {
  readonly id: number;
  readonly name: string;
  readonly display_name: string;
  readonly project_number: string;
  readonly address: string;
  readonly city: string;
  readonly state_code: string;
  readonly country_code: string;
  readonly zip: string;
  readonly county: string;
  readonly time_zone: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly stage: string;
  readonly project_stage: ProcoreIdName;
  readonly phone: string;
  readonly fax: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly active: boolean;
  readonly is_demo: boolean;
  readonly origin_id: string | null;
  readonly origin_data: string | null;
  readonly origin_code: string | null;
  readonly total_value: number;
  readonly estimated_value: number;
  readonly accounting_project_number: string;
  readonly project_region_id: number;
  readonly start_date: string;
  readonly completion_date: string;
  readonly company: ProcoreIdName;
  readonly custom_fields: Record<string, never>;
}

export interface ProcoreVendorContact {
  readonly id: number;
  readonly first_name: string;
  readonly last_name: string;
  readonly email_address: string;
  readonly business_phone: string;
}

export interface ProcoreVendor {
  readonly id: number;
  readonly name: string;
  readonly abbreviated_name: string;
  readonly address: string;
  readonly city: string;
  readonly state_code: string;
  readonly zip: string;
  readonly country_code: string;
  readonly business_phone: string;
  readonly email_address: string;
  readonly is_active: boolean;
  readonly trade_name: string;
  readonly license_number: string | null;
  readonly origin_id: string | null;
  readonly origin_code: string | null;
  readonly primary_contact: ProcoreVendorContact;
  readonly vendor_group: null;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A company trade (the ids behind `filters[trade_id]` and observation trades). */
export interface ProcoreTrade {
  readonly id: number;
  readonly name: string;
}

export type RfiStatus = "draft" | "open" | "closed";

export interface ProcoreImpact {
  readonly status: "yes_known" | "yes_unknown" | "no_impact" | "tbd" | "n_a";
  readonly value: number | null;
}

export interface ProcoreRfi {
  readonly id: number;
  readonly number: string;
  readonly full_number: string;
  readonly prefix: string | null;
  readonly subject: string;
  readonly status: RfiStatus;
  readonly translated_status: string;
  readonly due_date: string | null;
  readonly initiated_at: string | null;
  readonly time_resolved: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly private: boolean;
  readonly deleted_at: null;
  readonly questions: readonly {
    readonly id: number;
    readonly body: string;
    readonly errors: readonly never[];
  }[];
  readonly assignee: ProcoreUserRef | null;
  readonly assignees: readonly ProcoreRfiAssignee[];
  readonly ball_in_court: ProcoreUserRef | null;
  readonly ball_in_courts: readonly ProcoreUserRef[];
  readonly rfi_manager: ProcoreUserRef;
  readonly received_from: ProcoreUserRef | null;
  readonly responsible_contractor: ProcoreIdName | null;
  readonly cost_code: ProcoreIdName | null;
  readonly cost_impact: ProcoreImpact;
  readonly schedule_impact: ProcoreImpact;
  readonly location: null;
  readonly location_id: null;
  readonly project_stage: ProcoreIdName;
  readonly reference: string | null;
  readonly created_by: ProcoreUserRef;
  readonly link: string;
  readonly custom_fields: Record<string, never>;
}

export interface ProcoreSubmittalStatus {
  readonly id: number;
  readonly name: string;
  readonly status: "Draft" | "Open" | "Closed";
}

export interface ProcoreSpecificationSection {
  readonly id: number;
  readonly number: string;
  readonly description: string;
}

export interface ProcoreSubmittal {
  readonly id: number;
  readonly number: string;
  readonly formatted_number: string;
  readonly revision: string;
  readonly title: string;
  readonly description: string;
  readonly status: ProcoreSubmittalStatus;
  readonly type: ProcoreIdName;
  readonly specification_section: ProcoreSpecificationSection;
  readonly submittal_package: null;
  readonly submittal_manager: ProcoreUserRef;
  readonly ball_in_court: readonly ProcoreUserRef[];
  readonly received_from: ProcoreUserRef;
  readonly responsible_contractor: ProcoreIdName;
  readonly due_date: string | null;
  readonly issue_date: string | null;
  readonly received_date: string | null;
  readonly submit_by: string | null;
  readonly distributed_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly created_by: ProcoreUserRef;
  readonly current_revision: boolean;
  readonly private: boolean;
  readonly location_id: null;
  readonly cost_code_id: number | null;
  readonly sub_job_id: null;
  readonly drawing_ids: readonly number[];
  readonly linked_drawing_ids: readonly number[];
  readonly distribution_members: readonly ProcoreUserRef[];
  readonly custom_fields: Record<string, never>;
}

export type ObservationStatus = "initiated" | "ready_for_review" | "not_accepted" | "closed";

export interface ProcoreObservationType {
  readonly id: number;
  readonly name: string;
  readonly category: string;
}

export interface ProcoreObservationItem {
  readonly id: number;
  readonly number: number;
  readonly name: string;
  readonly description: string;
  readonly status: ObservationStatus;
  readonly priority: "Low" | "Medium" | "High" | "Urgent";
  readonly type: ProcoreObservationType;
  readonly trade: ProcoreTrade | null;
  readonly assignee: ProcoreUserRef;
  readonly created_by: ProcoreUserRef;
  readonly location: null;
  readonly specification_section: null;
  readonly due_date: string | null;
  readonly date_notified: string | null;
  readonly closed_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly deleted_at: null;
  readonly personal: boolean;
  readonly origin: null;
  readonly custom_fields: Record<string, never>;
}

export interface ProcoreBudgetView {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly created_by: ProcoreUserRef;
  readonly role: string;
}

export interface ProcoreBudgetForecast {
  readonly id: number;
  readonly manual_amount: number | null;
  readonly automatic_amount: number;
  readonly amount: number;
  readonly automatically_calculated: boolean;
  readonly calculation_strategy: string;
  readonly notes: string | null;
}

/** A row of `budget_views/{id}/detail_rows`: one budget line item (cost code x category). */
export interface ProcoreBudgetDetailRow {
  readonly id: number;
  readonly deletable: boolean;
  readonly company_id: number;
  readonly company: string;
  readonly project_id: number;
  readonly wbs_code_id: number | null;
  readonly biller_id: number;
  readonly root_cost_code_id: number;
  readonly cost_code_id: number;
  readonly cost_code_origin_id: string | null;
  readonly category_id: number;
  readonly project: string;
  readonly biller: string;
  readonly biller_type: "Project";
  readonly root_cost_code: string;
  readonly cost_code: string;
  readonly category: string;
  readonly budget_modifications: number;
  readonly original_budget_amount: number;
  readonly budget_forecast: ProcoreBudgetForecast;
  readonly currency_configuration: ProcoreCurrency;
  readonly unbudgeted_reason: null;
}

export type CommitmentStatus =
  | "Draft"
  | "Out For Bid"
  | "Out For Signature"
  | "Approved"
  | "Complete"
  | "Terminated"
  | "Void";

/** Work order contracts (subcontracts) and purchase order contracts share this shape. */
export interface ProcoreCommitment {
  readonly id: number;
  readonly number: string;
  readonly title: string;
  readonly description: string;
  readonly status: CommitmentStatus;
  readonly executed: boolean;
  readonly private: boolean;
  readonly accounting_method: "amount";
  readonly contract_date: string | null;
  readonly contract_start_date: string | null;
  readonly contract_estimated_completion_date: string | null;
  readonly actual_completion_date: string | null;
  readonly execution_date: string | null;
  readonly issued_on_date: string | null;
  readonly letter_of_intent_date: string | null;
  readonly returned_date: string | null;
  readonly signed_contract_received_date: string | null;
  readonly approval_letter_date: string | null;
  readonly grand_total: string;
  readonly approved_change_orders: string;
  readonly pending_change_orders: string;
  readonly draft_change_orders_amount: string;
  readonly revised_contract: string;
  readonly pending_revised_contract: string;
  readonly total_payments: string;
  readonly percentage_paid: string;
  readonly remaining_balance_outstanding: string;
  readonly retainage_percent: string;
  readonly total_draw_requests_amount: string;
  readonly total_requisitions_amount: string;
  readonly inclusions: string | null;
  readonly exclusions: string | null;
  readonly requisitions_are_enabled: boolean;
  readonly show_line_items_to_non_admins: boolean;
  readonly origin_id: string | null;
  readonly origin_code: string | null;
  readonly origin_data: string | null;
  readonly project: ProcoreIdName;
  readonly vendor: { readonly id: number; readonly company: string };
  readonly currency_configuration: ProcoreCurrency;
  readonly created_at: string;
  readonly updated_at: string;
  readonly deleted_at: string | null;
}

export type ChangeOrderStatus = "draft" | "pending" | "approved" | "rejected" | "void";

export interface ProcoreChangeOrderPackage {
  readonly id: number;
  readonly contract_id: number;
  readonly number: string;
  readonly title: string;
  readonly status: ChangeOrderStatus;
  readonly executed: boolean;
  readonly revision: number;
  readonly grand_total: string;
  readonly due_date: string | null;
  readonly invoiced_date: string | null;
  readonly paid_date: string | null;
  readonly reviewed_at: string | null;
  readonly signed_change_order_received_date: string | null;
  readonly designated_reviewer: ProcoreUserRef;
  readonly created_by_id: number;
  readonly origin_id: string | null;
  readonly origin_code: string | null;
  readonly origin_data: string | null;
  readonly currency_configuration: ProcoreCurrency;
  readonly custom_fields: Record<string, never>;
  readonly created_at: string;
  readonly updated_at: string;
  readonly deleted_at: string | null;
}

export interface ProcoreDailyLogHeader {
  readonly id: number;
  readonly log_date: string;
  readonly log_datetime: string;
  readonly completed: boolean;
  readonly completed_by: ProcoreUserRef | null;
  readonly completed_at: string | null;
  readonly distributed: boolean;
  readonly distributed_at: string | null;
}

/** Everything one project holds in Procore's project-level tools. */
export interface ProcoreProjectTools {
  readonly projectId: number;
  /** Ids of the company vendors added to the project directory. */
  readonly vendorIds: readonly number[];
  readonly rfis: readonly ProcoreRfi[];
  readonly submittals: readonly ProcoreSubmittal[];
  readonly observations: readonly ProcoreObservationItem[];
  readonly budgetDetailRows: readonly ProcoreBudgetDetailRow[];
  readonly workOrderContracts: readonly ProcoreCommitment[];
  readonly purchaseOrderContracts: readonly ProcoreCommitment[];
  readonly changeOrderPackages: readonly ProcoreChangeOrderPackage[];
  readonly dailyLogHeaders: readonly ProcoreDailyLogHeader[];
}

export interface ProcoreData {
  readonly company: ProcoreCompany;
  /** Every project, active or not, ordered by id. */
  readonly projects: readonly ProcoreProject[];
  /** The company directory's vendors, ordered by id. */
  readonly vendors: readonly ProcoreVendor[];
  readonly trades: readonly ProcoreTrade[];
  /** Company-level budget views, shown in every project. */
  readonly budgetViews: readonly ProcoreBudgetView[];
  /** One entry per project, in the order of `projects`. */
  readonly tools: readonly ProcoreProjectTools[];
}
