/* handlers.h - every page and API handler, by file.
 *
 * Each handler: read typed parameters (declared in routes.c), call the
 * domain, render a template or redirect.  No SQL, no access decisions.
 */
#ifndef WB_HANDLERS_H
#define WB_HANDLERS_H

#include "web/app.h"

#define WB_HANDLER(name) \
	int name(struct wb_app *app, struct wb_req *req, struct wb_resp *resp)

/* h_auth.c: login, logout, language, start page, health, static files */
WB_HANDLER(wb_h_static);
WB_HANDLER(wb_h_healthz);
WB_HANDLER(wb_h_home);
WB_HANDLER(wb_h_login_form);
WB_HANDLER(wb_h_login);
WB_HANDLER(wb_h_logout);
WB_HANDLER(wb_h_lang);

/* h_directory.c: regions, contact-point search, organisations, cards */
WB_HANDLER(wb_h_regions);
WB_HANDLER(wb_h_region);
WB_HANDLER(wb_h_find);
WB_HANDLER(wb_h_orgs);
WB_HANDLER(wb_h_org);
WB_HANDLER(wb_h_card);

/* h_edit.c: organisations, cards and contact points (admin, coordinator) */
WB_HANDLER(wb_h_org_new_form);
WB_HANDLER(wb_h_org_new);
WB_HANDLER(wb_h_org_edit_form);
WB_HANDLER(wb_h_org_edit);
WB_HANDLER(wb_h_card_new_form);
WB_HANDLER(wb_h_card_new);
WB_HANDLER(wb_h_card_edit_form);
WB_HANDLER(wb_h_card_edit);
WB_HANDLER(wb_h_my_card_form);
WB_HANDLER(wb_h_my_card);
WB_HANDLER(wb_h_cp_new_form);
WB_HANDLER(wb_h_cp_new);
WB_HANDLER(wb_h_cp_end);

/* h_client.c: the client record, care team and consents */
WB_HANDLER(wb_h_clients);
WB_HANDLER(wb_h_client_find);
WB_HANDLER(wb_h_client_new_form);
WB_HANDLER(wb_h_client_new);
WB_HANDLER(wb_h_client);
WB_HANDLER(wb_h_client_bsn);
WB_HANDLER(wb_h_client_edit_form);
WB_HANDLER(wb_h_client_edit);
WB_HANDLER(wb_h_client_team);
WB_HANDLER(wb_h_team_add);
WB_HANDLER(wb_h_team_end);
WB_HANDLER(wb_h_consents);
WB_HANDLER(wb_h_consent_add);
WB_HANDLER(wb_h_consent_revoke);
WB_HANDLER(wb_h_client_access);
WB_HANDLER(wb_h_client_rights);
WB_HANDLER(wb_h_proposal_accept);
WB_HANDLER(wb_h_proposal_decline);

/* h_plan.c: the joint plan and the timeline of a client */
WB_HANDLER(wb_h_plan);
WB_HANDLER(wb_h_goal_add);
WB_HANDLER(wb_h_goal_update);
WB_HANDLER(wb_h_goal_stop);
WB_HANDLER(wb_h_action_add);
WB_HANDLER(wb_h_action_done);
WB_HANDLER(wb_h_action_reopen);
WB_HANDLER(wb_h_timeline);
WB_HANDLER(wb_h_note_add);

/* h_portal.c: the client's own portal, and opening it */
WB_HANDLER(wb_h_portal_plan);
WB_HANDLER(wb_h_portal_team);
WB_HANDLER(wb_h_portal_hand_on);
WB_HANDLER(wb_h_portal_cards);
WB_HANDLER(wb_h_portal_consents);
WB_HANDLER(wb_h_portal_grant);
WB_HANDLER(wb_h_portal_revoke);
WB_HANDLER(wb_h_portal_log);
WB_HANDLER(wb_h_portal_code);
WB_HANDLER(wb_h_activate_form);
WB_HANDLER(wb_h_activate);

/* h_referral.c: referrals to a fixed contact point */
WB_HANDLER(wb_h_client_referrals);
WB_HANDLER(wb_h_referral_send);
WB_HANDLER(wb_h_referrals);
WB_HANDLER(wb_h_referral_accept);
WB_HANDLER(wb_h_referral_decline);
WB_HANDLER(wb_h_referral_withdraw);

/* h_rights.c: the client's rights (AVG): export, correction, erasure */
WB_HANDLER(wb_h_portal_data);
WB_HANDLER(wb_h_portal_data_json);
WB_HANDLER(wb_h_portal_correction);
WB_HANDLER(wb_h_client_export);
WB_HANDLER(wb_h_correction_handled);
WB_HANDLER(wb_h_client_erase_form);
WB_HANDLER(wb_h_client_erase);
/* The record's Gegevens page: for the registering organisation, the
 * client's correction requests and the export and erase buttons
 * (ctx "rights"); nothing for anyone else. */
struct wb_client;
int	wb_rights_section(struct wb_db *db, struct wb_req *req,
	    const struct wb_client *c, json_t *ctx) WB_WARN_UNUSED;

/* h_outcomes.c: outcome indicators per quarter (page and API) */
WB_HANDLER(wb_h_outcomes);
WB_HANDLER(wb_h_outcomes_export);
WB_HANDLER(wb_h_target_set);
WB_HANDLER(wb_h_api_indicators);
/* h_fidelity.c: IPS-25 fidelity reviews of IPS programmes */
WB_HANDLER(wb_h_fidelity_list);
WB_HANDLER(wb_h_fidelity_programme);
WB_HANDLER(wb_h_fidelity_review);
WB_HANDLER(wb_h_fidelity_new_form);
WB_HANDLER(wb_h_fidelity_new);

/* h_trajectory.c: the Trajecten tab, and the intervention catalogue */
WB_HANDLER(wb_h_trajectories);
WB_HANDLER(wb_h_trajectory_add);
WB_HANDLER(wb_h_trajectory_status);
WB_HANDLER(wb_h_milestone_add);
WB_HANDLER(wb_h_interventions);
WB_HANDLER(wb_h_intervention_form);
WB_HANDLER(wb_h_intervention_edit);

/* h_measurement.c: the Metingen tab and the client's questionnaires */
WB_HANDLER(wb_h_measurements);
WB_HANDLER(wb_h_measurement_ladder);
WB_HANDLER(wb_h_measurement_questionnaire);
WB_HANDLER(wb_h_measurement_total);
WB_HANDLER(wb_h_portal_questionnaires);
WB_HANDLER(wb_h_portal_questionnaire);
WB_HANDLER(wb_h_portal_questionnaire_send);

/* h_admin.c: accounts */
WB_HANDLER(wb_h_users);
WB_HANDLER(wb_h_user_new_form);
WB_HANDLER(wb_h_user_new);
WB_HANDLER(wb_h_user_edit_form);
WB_HANDLER(wb_h_user_edit);

/* h_transfer.c: CSV import and export of organisations and contact points */
WB_HANDLER(wb_h_import_form);
WB_HANDLER(wb_h_import);
WB_HANDLER(wb_h_export_orgs);
WB_HANDLER(wb_h_export_cps);

/* h_audit.c: the auditor's search and CSV export */
WB_HANDLER(wb_h_audit);
WB_HANDLER(wb_h_audit_csv);

/* h_api.c: JSON API v1 */
WB_HANDLER(wb_h_api_regions);
WB_HANDLER(wb_h_api_region);
WB_HANDLER(wb_h_api_orgs);
WB_HANDLER(wb_h_api_cps);
WB_HANDLER(wb_h_api_openapi);

/* h_api_client.c: JSON API v1, the client record */
WB_HANDLER(wb_h_api_client_new);
WB_HANDLER(wb_h_api_client);
WB_HANDLER(wb_h_api_team_add);
WB_HANDLER(wb_h_api_consent_add);
WB_HANDLER(wb_h_api_consent_revoke);
WB_HANDLER(wb_h_api_goal_add);
WB_HANDLER(wb_h_api_plan);
WB_HANDLER(wb_h_api_access_log);
WB_HANDLER(wb_h_api_referral_send);
WB_HANDLER(wb_h_api_measurement_add);
WB_HANDLER(wb_h_api_measurements);

/* h_api_fidelity.c: JSON API v1, IPS-25 fidelity reviews */
WB_HANDLER(wb_h_api_fidelity_add);
WB_HANDLER(wb_h_api_fidelity_list);
WB_HANDLER(wb_h_api_fidelity_get);

/* h_api_trajectory.c: JSON API v1, trajectories, milestones and jobs */
WB_HANDLER(wb_h_api_trajectory_add);
WB_HANDLER(wb_h_api_trajectories);
WB_HANDLER(wb_h_api_milestone_add);
WB_HANDLER(wb_h_api_trajectory_status);

#endif /* WB_HANDLERS_H */
