"""Which schema versions this release knows, importable without loading sqlite-utils.

`schema.py` registers exactly these migrations, in this order (it checks), so a quick
read-only command can refuse a journal from a newer release as the full store does.
"""

MIGRATION_SET = "followup_tui"

MIGRATION_NAMES = (
    "m001_initial_schema",
    "m002_drafts",
    "m003_more_emails_and_phones",
    "m004_contacts_by_name",
    "m005_followups_per_application",
    "m006_application_records",
    "m007_contact_uids",
    "m008_notes_for_the_whole_search",
    "m009_reminders_sent",
    "m010_card_details",
    "m011_stages_the_user_names",
    "m012_search_names",
    "m013_drafts_of_their_own",
    "m014_question_bank",
    "m015_statuses_of_the_domain",
    "m016_answer_ratings",
    "m017_story_bank",
    "m018_mail_proposals",
    "m019_message_ids",
    "m020_documents_sent",
    "m021_stay_in_touch",
    "m022_ids_across_devices",
    "m023_stamps_per_field",
    "m024_interviewers_in_order",
)
