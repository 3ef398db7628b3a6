"""The PubMed XML crosswalk: every element and attribute of the 2025 DTD and its home in the
record (through the MEDLINE tag the reader makes of it, see :mod:`.xml_reader`), and the DTD's
value lists."""

from __future__ import annotations

from biblioconv.crosswalk import Crosswalk, TypeMap, grouped_rows
from biblioconv.formats.pubmed.table import TYPES as MEDLINE_TYPES
from biblioconv.formats.pubmed.table import UNMAPPED

__all__ = ["CROSSWALK"]

#: ``home | kind | note | elements...`` (one group per line)
_GROUPS = """
type | consumed | the set and its records: one record per article | PubmedArticleSet BookDocumentSet PubmedBookArticleSet PubmedArticle PubmedBookArticle BookDocument MedlineCitation PubmedData PubmedBookData Article Journal JournalIssue Book
extras | extras | deletions are reported (DELETED_RECORD) | DeleteCitation DeleteDocument
extras | extras | kept as MEDLINE's OWN, STAT and as given | MedlineCitation/@Owner MedlineCitation/@Status MedlineCitation/@IndexingMethod MedlineCitation/@VersionDate MedlineCitation/@VersionID Article/@PubModel PMID/@Version JournalIssue/@CitedMedium
identifiers(scheme=pmid) | exact | PMID | PMID
extras | extras | DCOM, LR (YYYYMMDD), kept as given | DateCompleted DateRevised Hour Minute Second
descriptions(type=abstract) | exact | AB: labelled parts 'LABEL: text' joined | Abstract AbstractText AbstractText/@Label AbstractText/@NlmCategory
extras | extras | kept as given | OtherAbstract OtherAbstract/@Type OtherAbstract/@Language AccessionNumber AccessionNumberList DataBank DataBankList DataBankList/@CompleteYN DataBankName GeneSymbol GeneSymbolList GeneralNote GeneralNote/@Owner NumberOfReferences OtherID OtherID/@Source PersonalNameSubject PersonalNameSubjectList SpaceFlightMission SupplMeshList SupplMeshName SupplMeshName/@Type SupplMeshName/@UI InvestigatorList InvestigatorList/@ID Investigator Investigator/@ValidYN Object Object/@Type ObjectList Param Param/@Name Item ItemList ItemList/@ListType ContractNumber ContributionDate Citation Reference ReferenceList Note Medium DispFormula Sections Section SectionTitle SectionTitle/@book SectionTitle/@sec SectionTitle/@part LocationLabel LocationLabel/@Type ReportNumber CollectionTitle CollectionTitle/@book CollectionTitle/@sec CollectionTitle/@part VolumeTitle BeginningDate EndingDate URL URL/@lang URL/@Type ArticleTitle/@book ArticleTitle/@sec ArticleTitle/@part BookTitle/@book BookTitle/@sec BookTitle/@part Author/@ValidYN Author/@EqualContrib AuthorList/@CompleteYN GrantList/@CompleteYN ELocationID/@ValidYN Keyword/@MajorTopicYN DescriptorName/@UI DescriptorName/@Type DescriptorName/@AutoHM QualifierName/@AutoHM QualifierName/@UI NameOfSubstance/@UI PublicationType/@UI CollectiveName/@Investigators
contributors.affiliations | exact | AD | Affiliation AffiliationInfo
funding | exact | GR 'id / acronym / agency / country' | Grant GrantID Acronym Agency GrantList
funding.funder_name | exact | the agency | Country
dates(type=available) | exact | DEP (the electronic date) | ArticleDate ArticleDate/@DateType
identifiers | exact | AID, PMC: doi, pii, pmc... by IdType | ArticleId ArticleId/@IdType ArticleIdList
titles(type=main).text | exact | TI; i, b, sup, sub as rich text | ArticleTitle i b sup sub u
container.titles(type=main).text | exact | BTI (books), JT | BookTitle Title
contributors(role=author) | exact | FAU/AU, AD, AUID; editors (AuthorList Type=editors) FED | Author AuthorList AuthorList/@Type
contributors.family | exact | | LastName
contributors.given | exact | | ForeName Initials
contributors.suffix | approx | appended to the given name as MEDLINE does | Suffix
contributors(kind=organization) | exact | CN | CollectiveName
contributors.identifiers | exact | AUID 'ORCID: ...' | Identifier Identifier/@Source
extras | extras | RN, SB, JID, kept as given | Chemical ChemicalList NameOfSubstance RegistryNumber CitationSubset NlmUniqueID MedlineJournalInfo
rights | exact | CI | CopyrightInformation
descriptions(type=note) | exact | COIS | CoiStatement
relations(type=Other) | exact | CIN, CON, EIN... with the RefSource as citation | CommentsCorrections CommentsCorrections/@RefType CommentsCorrectionsList RefSource
dates(type=issued) | exact | DP: Year Month Day, Season, MedlineDate | PubDate Year Month Day Season MedlineDate
edition | exact | EN | Edition
container.pages | exact | PG (MedlinePgn, else StartPage-EndPage) | Pagination MedlinePgn StartPage EndPage
identifiers(scheme=doi) | exact | LID '[doi]' (ELocationID EIdType) | ELocationID ELocationID/@EIdType
extras | extras | PHST, PST, kept as given | History PubMedPubDate PubMedPubDate/@PubStatus PublicationStatus
container.identifiers | exact | IS '(Print)', '(Electronic)', '(Linking)' | ISSN ISSN/@IssnType ISSNLinking
identifiers(scheme=isbn) | exact | ISBN | Isbn
container.titles(type=short).text | exact | TA | MedlineTA ISOAbbreviation
container.issue | exact | IP | Issue
container.volume | exact | VI | Volume
language | exact | LA (three-letter codes as BCP 47) | Language
subjects(scheme=MeSH) | exact | MH 'Descriptor/qualifier', * for major topics | DescriptorName DescriptorName/@MajorTopicYN MeshHeading MeshHeadingList QualifierName QualifierName/@MajorTopicYN
subjects | exact | OT; the list's owner as OTO | Keyword KeywordList KeywordList/@Owner
type | exact | PT: the first that maps | PublicationType PublicationTypeList
publisher.name | exact | PB | Publisher PublisherName
publisher.place | exact | PL (MedlineJournalInfo Country, books' PublisherLocation) | PublisherLocation
titles(type=translated).text | exact | TT | VernacularTitle
subjects.scheme | exact | MeSH for the headings, none for keywords | MeshHeadingList KeywordList
"""


#: The DTD's record elements and value lists (documented; the type comes from PublicationType).
_VALUES = """
PubmedArticle article-journal | PubmedBookArticle chapter | BookDocument book |
DeleteCitation other | DeleteDocument other | Completed article-journal |
In-Process article-journal | PubMed-not-MEDLINE article-journal |
In-Data-Review article-journal | Publisher article-journal | MEDLINE article-journal |
OLDMEDLINE article-journal | Print article-journal | Print-Electronic article-journal |
Electronic article-journal | Electronic-Print article-journal |
Electronic-eCollection article-journal | doi article-journal | pii article-journal |
pmcpid article-journal | pmpid article-journal | pmc article-journal | mid article-journal |
sici article-journal | pubmed article-journal | medline article-journal |
pmcid article-journal | pmcbook book | bookaccession book | AssociatedDataset dataset |
AssociatedPublication article-journal | CommentIn article-journal |
CommentOn article-journal | CorrectedandRepublishedIn article-journal |
CorrectedandRepublishedFrom article-journal | ErratumIn article-journal |
ErratumFor article-journal | ExpressionOfConcernIn article-journal |
ExpressionOfConcernFor article-journal | RepublishedIn article-journal |
RepublishedFrom article-journal | RetractedandRepublishedIn article-journal |
RetractedandRepublishedFrom article-journal | RetractionIn article-journal |
RetractionOf article-journal | UpdateIn article-journal | UpdateOf article-journal |
SummaryForPatientsIn article-journal | OriginalReportIn article-journal |
ReprintIn article-journal | ReprintOf article-journal | Cites article-journal |
received article-journal | accepted article-journal | epublish article-journal |
ppublish article-journal | revised article-journal | aheadofprint article-journal |
retracted article-journal | ecollection article-journal | pmcr article-journal |
pubmedr article-journal | premedline article-journal | medliner article-journal |
entrez article-journal | pmc-release article-journal
"""


def _types() -> tuple[TypeMap, ...]:
    out = [
        TypeMap(t.native, t.hub, write=False, note="PublicationType")
        for t in MEDLINE_TYPES
        if t.read
    ]
    for item in _VALUES.replace("\n", " ").split("|"):
        native, hub = item.split()
        out.append(
            TypeMap(
                native,
                hub,
                write=False,
                note="DTD value list (the type comes from PublicationType)",
            )
        )
    return tuple(out)


CROSSWALK = Crosswalk(
    format="pubmed-xml",
    fields=grouped_rows(_GROUPS),
    types=_types(),
    unmapped=UNMAPPED,
)
