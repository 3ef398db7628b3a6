"""ISO 639-2 language codes and English names mapped to BCP 47 primary language subtags.

Generated from the ISO 639-2 table of the iso-codes project; a 3-letter code with a 2-letter
equivalent maps to the 2-letter code (BCP 47 prefers the shortest), bibliographic (B) codes map like
their terminology (T) codes.
"""

from __future__ import annotations

__all__ = ["ALPHA3_TO_BCP47", "BCP47_TO_ALPHA3", "NAME_TO_BCP47"]


def _table(text: str) -> dict[str, str]:
    pairs = (item.split("=", 1) for item in text.replace("\n", "").split("|") if item)
    return {k: v for k, v in pairs}


_CODES = """
aar=aa|abk=ab|afr=af|aka=ak|amh=am|ara=ar|arg=an|asm=as|ava=av|ave=ae|aym=ay|aze=az|bak=ba|bam=bm|bel=be|ben=bn|bih=bh|bis=bi|bod=bo|tib=bo|bos=bs|bre=br|bul=bg|cat=ca|ces=cs|cze=cs|cha=ch|che=ce|chu=cu|chv=cv|cor=kw|cos=co|cre=cr|cym=cy|wel=cy|dan=da|deu=de|ger=de|div=dv|dzo=dz|ell=el|gre=el|eng=en|epo=eo|est=et|eus=eu|baq=eu|ewe=ee|fao=fo|fas=fa|per=fa|fij=fj|fin=fi|fra=fr|fre=fr|fry=fy|ful=ff|gla=gd|gle=ga|glg=gl|glv=gv|grn=gn|guj=gu|hat=ht|hau=ha|heb=he|her=hz|hin=hi|hmo=ho|hrv=hr|hun=hu|hye=hy|arm=hy|ibo=ig|ido=io|iii=ii|iku=iu|ile=ie|ina=ia|ind=id|ipk=ik|isl=is|ice=is|ita=it|jav=jv|jpn=ja|kal=kl|kan=kn|kas=ks|kat=ka|geo=ka|kau=kr|kaz=kk|khm=km|kik=ki|kin=rw|kir=ky|kom=kv|kon=kg|kor=ko|kua=kj|kur=ku|lao=lo|lat=la|lav=lv|lim=li|lin=ln|lit=lt|ltz=lb|lub=lu|lug=lg|mah=mh|mal=ml|mar=mr|mkd=mk|mac=mk|mlg=mg|mlt=mt|mon=mn|mri=mi|mao=mi|msa=ms|may=ms|mya=my|bur=my|nau=na|nav=nv|nbl=nr|nde=nd|ndo=ng|nep=ne|nld=nl|dut=nl|nno=nn|nob=nb|nor=no|nya=ny|oci=oc|oji=oj|ori=or|orm=om|oss=os|pan=pa|pli=pi|pol=pl|por=pt|pus=ps|que=qu|roh=rm|ron=ro|rum=ro|run=rn|rus=ru|sag=sg|san=sa|sin=si|slk=sk|slo=sk|slv=sl|sme=se|smo=sm|sna=sn|snd=sd|som=so|sot=st|spa=es|sqi=sq|alb=sq|srd=sc|srp=sr|ssw=ss|sun=su|swa=sw|swe=sv|tah=ty|tam=ta|tat=tt|tel=te|tgk=tg|tgl=tl|tha=th|tir=ti|ton=to|tsn=tn|tso=ts|tuk=tk|tur=tr|twi=tw|uig=ug|ukr=uk|urd=ur|uzb=uz|ven=ve|vie=vi|vol=vo|wln=wa|wol=wo|xho=xh|yid=yi|yor=yo|zha=za|zho=zh|chi=zh|zul=zu
"""

_NAMES = """
abkhazian=ab|achinese=ace|acoli=ach|adangme=ada|adygei=ady|adyghe=ady|afar=aa|afrihili=afh|afrikaans=af|afro-asiatic
languages=afa|ainu=ain|akan=ak|akkadian=akk|albanian=sq|alemannic=gsw|aleut=ale|algonquian
languages=alg|alsatian=gsw|altaic languages=tut|amharic=am|angika=anp|apache
languages=apa|arabic=ar|aragonese=an|arapaho=arp|arawak=arw|armenian=hy|aromanian=rup|artificial
languages=art|arumanian=rup|assamese=as|asturian=ast|asturleonese=ast|athapascan
languages=ath|australian languages=aus|austronesian
languages=map|avaric=av|avestan=ae|awadhi=awa|aymara=ay|azerbaijani=az|bable=ast|balinese=ban|baltic
languages=bat|baluchi=bal|bambara=bm|bamileke languages=bai|banda
languages=bad|bangla=bn|basa=bas|bashkir=ba|basque=eu|batak
languages=btk|bedawiyet=bej|beja=bej|belarusian=be|bemba=bem|bengali=bn|berber
languages=ber|bhojpuri=bho|bihari
languages=bh|bikol=bik|bilin=byn|bini=bin|bislama=bi|blin=byn|bliss=zbl|blissymbolics=zbl|blissymbols=zbl|bokmål,
norwegian=nb|bosnian=bs|braj=bra|breton=br|buginese=bug|bulgarian=bg|buriat=bua|burmese=my|caddo=cad|castilian=es|catalan=ca|caucasian
languages=cau|cebuano=ceb|celtic languages=cel|central american indian languages=cai|central
khmer=km|chagatai=chg|chamic
languages=cmc|chamorro=ch|chechen=ce|cherokee=chr|chewa=ny|cheyenne=chy|chibcha=chb|chichewa=ny|chinese=zh|chinook
jargon=chn|chipewyan=chp|choctaw=cho|chuang=za|church slavic=cu|church
slavonic=cu|chuukese=chk|chuvash=cv|classical nepal bhasa=nwc|classical newari=nwc|classical
syriac=syc|cook islands maori=rar|coptic=cop|cornish=kw|corsican=co|cree=cr|creek=mus|creoles
and pidgins, english based=cpe|creoles and pidgins, french-based=cpf|creoles and pidgins,
portuguese-based=cpp|creoles and pidgins=crp|crimean tatar=crh|crimean
turkish=crh|croatian=hr|cushitic
languages=cus|czech=cs|dakota=dak|danish=da|dargwa=dar|delaware=del|dene
suline=chp|dhivehi=dv|dimili=zza|dimli=zza|dinka=din|divehi=dv|dogri=doi|dogrib=dgr|dravidian
languages=dra|duala=dua|dutch=nl|dyula=dyu|dzongkha=dz|eastern
frisian=frs|edo=bin|efik=efi|ekajuk=eka|elamite=elx|english=en|erzya=myv|esperanto=eo|estonian=et|ewe=ee|ewondo=ewo|fang=fan|fanti=fat|faroese=fo|farsi=fa|fijian=fj|filipino=fil|finnish=fi|finno-ugrian
languages=fiu|flemish=nl|fon=fon|french=fr|friulian=fur|fulah=ff|ga=gaa|gaelic=gd|galibi
carib=car|galician=gl|ganda=lg|gayo=gay|gbaya=gba|geez=gez|georgian=ka|german,
low=nds|german=de|germanic
languages=gem|gikuyu=ki|gilbertese=gil|gondi=gon|gorontalo=gor|gothic=got|grebo=grb|greek,
modern
(1453-)=el|greek=el|greenlandic=kl|guarani=gn|gujarati=gu|gwich'in=gwi|haida=hai|haitian
creole=ht|haitian=ht|hausa=ha|hawaiian=haw|hebrew=he|herero=hz|hiligaynon=hil|himachali
languages=him|hindi=hi|hiri
motu=ho|hittite=hit|hmong=hmn|hungarian=hu|hupa=hup|iban=iba|icelandic=is|ido=io|igbo=ig|ijo
languages=ijo|iloko=ilo|inari sami=smn|indic languages=inc|indo-european
languages=ine|indonesian=id|ingush=inh|interlingue=ie|inuktitut=iu|inupiaq=ik|iranian
languages=ira|irish=ga|iroquoian
languages=iro|italian=it|japanese=ja|javanese=jv|jingpho=kac|judeo-arabic=jrb|judeo-persian=jpr|kabardian=kbd|kabyle=kab|kachin=kac|kalaallisut=kl|kalmyk=xal|kamba=kam|kannada=kn|kanuri=kr|kapampangan=pam|kara-kalpak=kaa|karachay-balkar=krc|karelian=krl|karen
languages=kar|kashmiri=ks|kashubian=csb|kawi=kaw|kazakh=kk|khasi=kha|khoisan
languages=khi|khotanese=kho|kikuyu=ki|kimbundu=kmb|kinyarwanda=rw|kirdki=zza|kirghiz=ky|kirmanjki=zza|klingon=tlh|komi=kv|kongo=kg|konkani=kok|korean=ko|kosraean=kos|kpelle=kpe|kru
languages=kro|kuanyama=kj|kumyk=kum|kurdish=ku|kurukh=kru|kutenai=kut|kwanyama=kj|kyrgyz=ky|ladino=lad|lahnda=lah|lamba=lam|land
dayak
languages=day|lao=lo|latin=la|latvian=lv|leonese=ast|letzeburgesch=lb|lezghian=lez|limburgan=li|limburger=li|limburgish=li|lingala=ln|lithuanian=lt|lojban=jbo|low
german=nds|low saxon=nds|lower
sorbian=dsb|lozi=loz|luba-katanga=lu|luba-lulua=lua|luiseno=lui|lule
sami=smj|lunda=lun|lushai=lus|luxembourgish=lb|macedo-romanian=rup|macedonian=mk|madurese=mad|magahi=mag|maithili=mai|makasar=mak|malagasy=mg|malay=ms|malayalam=ml|maldivian=dv|maltese=mt|manchu=mnc|mandar=mdr|mandingo=man|manipuri=mni|manobo
languages=mno|manx=gv|maori=mi|mapuche=arn|mapudungun=arn|marathi=mr|mari=chm|marshallese=mh|marwari=mwr|masai=mas|mayan
languages=myn|mende=men|mi'kmaq=mic|micmac=mic|minangkabau=min|mirandese=mwl|modern
greek=el|mohawk=moh|moksha=mdf|moldavian=ro|moldovan=ro|mon-khmer
languages=mkh|mong=hmn|mongo=lol|mongolian=mn|montenegrin=cnr|mossi=mos|multiple
languages=mul|munda languages=mun|n'ko=nqo|nahuatl
languages=nah|nauru=na|navaho=nv|navajo=nv|ndebele, north=nd|ndebele,
south=nr|ndonga=ng|neapolitan=nap|nepal
bhasa=new|nepali=ne|newari=new|nias=nia|niger-kordofanian languages=nic|nilo-saharan
languages=ssa|niuean=niu|no linguistic content=zxx|nogai=nog|norse, old=non|north american
indian languages=nai|north ndebele=nd|northern frisian=frr|northern sami=se|northern
sotho=nso|norwegian bokmål=nb|norwegian nynorsk=nn|norwegian=no|not applicable=zxx|nubian
languages=nub|nuosu=ii|nyamwezi=nym|nyanja=ny|nyankole=nyn|nynorsk,
norwegian=nn|nyoro=nyo|nzima=nzi|occidental=ie|oirat=xal|ojibwa=oj|old bulgarian=cu|old church
slavonic=cu|old newari=nwc|old
slavonic=cu|oriya=or|oromo=om|osage=osa|ossetian=os|ossetic=os|otomian
languages=oto|pahlavi=pal|palauan=pau|pali=pi|pampanga=pam|pangasinan=pag|panjabi=pa|papiamento=pap|papuan
languages=paa|pashto=ps|pedi=nso|persian=fa|philippine
languages=phi|phoenician=phn|pilipino=fil|pohnpeian=pon|polish=pl|portuguese=pt|prakrit
languages=pra|provençal=oc|punjabi=pa|pushto=ps|quechua=qu|rajasthani=raj|rapanui=rap|rarotongan=rar|reserved
for local use=qaa-qtz|romance
languages=roa|romanian=ro|romansh=rm|romany=rom|rundi=rn|russian=ru|sakan=kho|salishan
languages=sal|samaritan aramaic=sam|sami
languages=smi|samoan=sm|sandawe=sad|sango=sg|sanskrit=sa|santali=sat|sardinian=sc|sasak=sas|saxon,
low=nds|scots=sco|scottish gaelic=gd|selkup=sel|semitic
languages=sem|sepedi=nso|serbian=sr|serer=srr|shan=shn|shona=sn|sichuan
yi=ii|sicilian=scn|sidamo=sid|sign
languages=sgn|siksika=bla|sindhi=sd|sinhala=si|sinhalese=si|sino-tibetan languages=sit|siouan
languages=sio|skolt sami=sms|slavic
languages=sla|slovak=sk|slovenian=sl|sogdian=sog|somali=so|songhai
languages=son|soninke=snk|sorbian languages=wen|sotho, southern=st|south ndebele=nr|southern
altai=alt|southern sami=sma|spanish=es|sranan tongo=srn|standard moroccan
tamazight=zgh|sukuma=suk|sumerian=sux|sundanese=su|susu=sus|swahili=sw|swati=ss|swedish=sv|swiss
german=gsw|syriac=syr|tagalog=tl|tahitian=ty|tai
languages=tai|tajik=tg|tamashek=tmh|tamil=ta|tatar=tt|telugu=te|tereno=ter|tetum=tet|thai=th|tibetan=bo|tigre=tig|tigrinya=ti|timne=tem|tiv=tiv|tlhingan-hol=tlh|tlingit=tli|tok
pisin=tpi|tokelau=tkl|tsimshian=tsi|tsonga=ts|tswana=tn|tumbuka=tum|tupi
languages=tup|turkish=tr|turkmen=tk|tuvalu=tvl|tuvinian=tyv|twi=tw|udmurt=udm|ugaritic=uga|uighur=ug|ukrainian=uk|umbundu=umb|uncoded
languages=mis|undetermined=und|upper
sorbian=hsb|urdu=ur|uyghur=ug|uzbek=uz|vai=vai|valencian=ca|venda=ve|vietnamese=vi|volapük=vo|votic=vot|wakashan
languages=wak|walamo=wal|walloon=wa|waray=war|washo=was|welsh=cy|western frisian=fy|western
pahari languages=him|wolof=wo|xhosa=xh|yakut=sah|yao=yao|yapese=yap|yiddish=yi|yoruba=yo|yupik
languages=ypk|zande
languages=znd|zapotec=zap|zaza=zza|zazaki=zza|zenaga=zen|zhuang=za|zulu=zu|zuni=zun
"""

#: ISO 639-2 (T and B) codes that have a 2-letter ISO 639-1 equivalent.
ALPHA3_TO_BCP47: dict[str, str] = _table(_CODES)
#: 2-letter codes to ISO 639-2/T (which are also ISO 639-3 codes).
BCP47_TO_ALPHA3: dict[str, str] = {}
for _a3, _a2 in _table(_CODES).items():
    BCP47_TO_ALPHA3.setdefault(_a2, _a3)
#: Lower-case English language names to BCP 47 primary subtags.
NAME_TO_BCP47: dict[str, str] = _table(_NAMES)
