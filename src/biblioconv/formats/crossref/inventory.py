"""Every element and attribute of the Crossref deposit schema 5.3.1 and where it lives in the
record (documentation rows of the crosswalk; the rule table has the rows that run).

One group per line: ``home | kind | note | names...``. ``extras`` keeps the element as given
(XML text, under ``xml:<path>`` or its own key) so that a Crossref-to-Crossref trip writes it
back where the writer knows its place, and reports it where not."""

from __future__ import annotations

from biblioconv.crosswalk import grouped_rows

__all__ = ["ELEMENT_ROWS"]

_GROUPS = """
type | consumed | the deposit's envelope; the batch head is written from the writer options | doi_batch doi_batch/@version head body doi_batch_id timestamp depositor depositor_name email_address registrant
type | exact | the work element and its type attribute give the type (see the type table) | journal journal_article conference conference_paper book book/@book_type book_metadata book_series_metadata book_set_metadata content_item content_item/@component_type dissertation report-paper report-paper_metadata report-paper_series_metadata standard standard_metadata database database_metadata dataset dataset/@dataset_type peer_review peer_review/@type pending_publication posted_content posted_content/@type sa_component component proceedings_metadata proceedings_series_metadata journal_issue journal_volume
extras | extras | kept as given | journal_article/@publication_type conference_paper/@publication_type content_item/@publication_type dissertation/@publication_type report-paper/@publication_type standard/@publication_type journal_metadata/@reference_distribution_opts journal_article/@reference_distribution_opts proceedings_metadata/@reference_distribution_opts proceedings_series_metadata/@reference_distribution_opts conference_paper/@reference_distribution_opts book_metadata/@reference_distribution_opts book_series_metadata/@reference_distribution_opts book_set_metadata/@reference_distribution_opts content_item/@reference_distribution_opts dissertation/@reference_distribution_opts report-paper_metadata/@reference_distribution_opts report-paper_series_metadata/@reference_distribution_opts standard_metadata/@reference_distribution_opts database_metadata/@reference_distribution_opts content_item/@level_sequence_number standard_metadata/@publication_status peer_review/@stage peer_review/@recommendation peer_review/@revision-round component/@parent_relation component/@reg-agency component/@component_size
language | exact | the work's language | journal_article/@language conference_paper/@language content_item/@language dissertation/@language report-paper_metadata/@language standard_metadata/@language database_metadata/@language peer_review/@language posted_content/@language pending_publication/@language component/@language book_metadata/@language book_series_metadata/@language book_set_metadata/@language proceedings_metadata/@language journal_metadata/@language report-paper_series_metadata/@language
container.titles(type=main).text | exact | journal, proceedings title | full_title proceedings_title
container.titles(type=short).text | exact | | abbrev_title
container | exact | the journal (book, proceedings, database) of the work | journal_metadata
container.identifiers | exact | ISSN (media_type print: issn, electronic: eissn) | issn issn/@media_type
identifiers(scheme=isbn) | exact | media_type is the identifier's label | isbn isbn/@media_type
extras | extras | kept as given | special_numbering coden noisbn noisbn/@reason proceedings_subject publication intent_statement intent_statement/@language competing_interest_statement competing_interest_statement/@language running_number group_title contract_number set_metadata part_number component_list content_date content_date/@media_type
container.volume | exact | journal_volume/volume | volume
container.issue | exact | | issue
event.title | exact | | event_metadata conference_name
extras | extras | kept as given | conference_theme conference_acronym conference_sponsor conference_number
event.place | exact | | conference_location
event.date | exact | start and end as attributes | conference_date conference_date/@start_day conference_date/@start_month conference_date/@start_year conference_date/@end_day conference_date/@end_month conference_date/@end_year
series.titles(type=main).text | exact | series_metadata titles (read) | series_metadata
series.number | exact | (read) | series_number
publisher | exact | dissertations, posted content, reviews: the institution (first) | institution institution_name
publisher.identifiers | exact | | institution_id institution_id/@type
extras | extras | kept as given | institution_acronym institution_place institution_department
genre | exact | | degree
contributors | exact | in document order | contributors person_name person_name/@sequence organization organization/@sequence
contributors.role | exact | author, editor, chair, translator; reviewer roles as role label | person_name/@contributor_role organization/@contributor_role
contributors.lang | exact | | person_name/@language organization/@language
extras | extras | kept as given | person_name/@name-style organization/@name-style anonymous anonymous/@sequence anonymous/@contributor_role anonymous/@name-style anonymous/@language alt-name name name/@content-type name/@name-style name/@specific-use name/@language string-name string-name/@content-type string-name/@name-style string-name/@specific-use string-name/@language prefix prefix/@content-type prefix/@specific-use prefix/@language degrees degrees/@content-type degrees/@specific-use degrees/@language ORCID/@authenticated
contributors.kind | exact | organization | organization/@kind
contributors.given | exact | | given_name
contributors.family | exact | | surname
contributors.suffix | exact | | suffix
contributors.identifiers(scheme=orcid) | exact | | ORCID
contributors.affiliations | exact | institution name and ROR, ISNI, Wikidata ids; acronym, place and department kept as given | affiliations
relations(type=IsPartOf) | exact | the parent of a component | sa_component/@parent_doi
titles(type=main).text | exact | | titles title
titles(type=subtitle).text | exact | | subtitle
titles(type=alternative) | exact | with its language | original_language_title original_language_title/@language
dates(type=issued) | exact | publication, posted, approval (dissertations), review date; year, month, day; media_type is the date's information | publication_date publication_date/@media_type posted_date posted_date/@media_type approval_date approval_date/@media_type review_date year month day
dates(type=created) | exact | | database_date creation_date creation_date/@media_type
dates(type=updated) | exact | | update_date update_date/@media_type
dates(type=accepted) | exact | | acceptance_date acceptance_date/@media_type
container.pages | exact | | pages first_page last_page other_pages
container.number | exact | item_number_type article_number | publisher_item item_number item_number/@item_number_type
identifiers | exact | pmid, doi; others with the id_type as label | identifier identifier/@id_type
publisher.name | exact | | publisher publisher_name
publisher.place | exact | | publisher_place
descriptions(type=abstract) | exact | dataset and component descriptions | description description/@language
formats | exact | the mime type | format format/@mime_type
extras | extras | kept as given | archive_locations archive archive/@name
titles(type=main).text | exact | face markup: i, b, sup, sub and scp are the rich text's tags | i b sup sub scp
titles(type=main).text | approx | other face markup is read as its text | em strong u ovl tt font a a/@href
chapter | exact | | component_number
edition | exact | | edition_number
identifiers(scheme=doi) | exact | | doi_data doi
identifiers(scheme=url) | exact | the landing page | resource
extras | extras | kept as given | resource/@mime_type resource/@content_version collection collection/@property collection/@multi-resolution item item/@crawler item/@label item/@country item/@link_header_relationship
relations(type=References) | exact | doi (or isbn, issn) and the citation text | citation_list citation unstructured_citation
relations(type=References).citation | approx | a structured citation is read as one line of text; its key is written as refN | citation/@key journal_title series_title volume_title author cYear article_title elocation_id
extras | extras | the Crossmark block is kept as given (its fundref and licence programs are read as funding and rights too) | crossmark crossmark_policy crossmark_version crossmark_domains crossmark_domain domain filter crossmark_domain_exclusive updates update update/@type update/@date custom_metadata assertion assertion/@explanation assertion/@group_label assertion/@group_name assertion/@label assertion/@name assertion/@order assertion/@href
extras | extras | standards: the designators and standards body are kept as given | designators std_as_published std_as_published/@family std_as_published/@set std_as_published/@undated std_alt_as_published std_alt_as_published/@reason std_alt_as_published/@approvedMonth std_alt_as_published/@approvedYear std_family_designator std_set_designator std_set_designator/@family std_undated_designator std_undated_designator/@family std_undated_designator/@set std_supersedes std_adopted_from std_revision_of standards_body standards_body_name standards_body_acronym std_designator std_alt_script std_variant_form
extras | extras | kept as given | scn_policies scn_policy_set scn_policy_set/@start_date scn_policy_ref
funding | exact | fundref program | fr:program fr:assertion
rights.uri | exact | the licence URI (applies_to and start_date kept as given) | ai:program ai:license_ref
access_rights | approx | free_to_read is open access | ai:free_to_read
relations | exact | relations program | rel:program rel:related_item rel:inter_work_relation rel:intra_work_relation
relations.citation | exact | | rel:description
descriptions(type=abstract) | exact | | jats:abstract jats:p
"""


ELEMENT_ROWS = grouped_rows(_GROUPS)
