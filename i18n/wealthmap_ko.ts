<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>WealthMap</name>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="36"/>
        <location filename="../algorithms/geocode_algs.py" line="152"/>
        <source>Geocoding</source>
        <translation>지오코딩</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="44"/>
        <source>Batch geocode addresses</source>
        <translation>주소 일괄 지오코딩</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="47"/>
        <source>Geocodes every row of a layer or table (CSV in UTF-8 or CP949/EUC-KR, XLSX...) with the offline index (default, no network: the bundled world gazetteer plus your address indexes) or a web provider (Nominatim, Photon, Pelias, Google, Kakao, VWorld). Keeps every row and attribute and adds status, score, match_type, n_candidates, matched_address, provider and error; unmatched rows get no geometry. Results are cached on disk: a rerun makes no requests and a cancelled run resumes. API keys come from a QGIS authentication configuration.</source>
        <translation>레이어나 표(UTF-8 또는 CP949/EUC-KR CSV, XLSX 등)의 모든 행을 오프라인 색인(기본값, 네트워크 없음: 내장 세계 지명 사전과 사용자 주소 색인) 또는 웹 제공자(Nominatim, Photon, Pelias, Google, 카카오, VWorld)로 지오코딩합니다. 모든 행과 속성을 유지하고 status, score, match_type, n_candidates, matched_address, provider, error 필드를 추가하며, 찾지 못한 행은 도형이 없습니다. 결과는 디스크에 캐시되어 다시 실행하면 요청이 없고 취소된 실행은 이어서 진행됩니다. API 키는 QGIS 인증 설정에서 가져옵니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="160"/>
        <source>Build offline address index</source>
        <translation>오프라인 주소 색인 만들기</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="163"/>
        <source>Builds an offline address index (an SQLite file with full-text search) from an OpenStreetMap file (.osm.pbf/.osm: house numbers, streets, places, named places of interest) or from a point layer or table with address fields (and longitude/latitude fields for tables). Use it with 'Batch geocode addresses' and the offline provider.</source>
        <translation>OpenStreetMap 파일(.osm.pbf/.osm: 건물번호, 도로, 지명, 이름 있는 관심 지점) 또는 주소 필드가 있는 점 레이어나 표(표는 경도/위도 필드 포함)로 오프라인 주소 색인(전문 검색이 되는 SQLite 파일)을 만듭니다. '주소 일괄 지오코딩'에서 오프라인 제공자와 함께 사용하세요.</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="57"/>
        <source>Address table or layer</source>
        <translation>주소 표 또는 레이어</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="59"/>
        <location filename="../algorithms/geocode_algs.py" line="174"/>
        <location filename="../ui/geocode_dock.py" line="121"/>
        <source>Address field(s)</source>
        <translation>주소 필드</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="61"/>
        <source>Address expression (instead of fields)</source>
        <translation>주소 표현식(필드 대신)</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="63"/>
        <location filename="../ui/geocode_dock.py" line="130"/>
        <source>Provider</source>
        <translation>제공자</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="66"/>
        <source>Offline address index (SQLite)</source>
        <translation>오프라인 주소 색인(SQLite)</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="68"/>
        <source>Endpoint URL (self-hosted server)</source>
        <translation>엔드포인트 URL(자체 서버)</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="70"/>
        <source>API key (authentication configuration)</source>
        <translation>API 키(인증 설정)</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="72"/>
        <source>Country codes (comma separated)</source>
        <translation>국가 코드(쉼표로 구분)</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="74"/>
        <source>Limit to this extent</source>
        <translation>이 범위로 제한</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="75"/>
        <location filename="../ui/geocode_dock.py" line="167"/>
        <source>Minimum score</source>
        <translation>최소 점수</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="78"/>
        <source>Use the disk cache</source>
        <translation>디스크 캐시 사용</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="79"/>
        <location filename="../ui/geocode_dock.py" line="180"/>
        <source>Output CRS</source>
        <translation>출력 좌표계</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="81"/>
        <location filename="../algorithms/thematic_algs.py" line="131"/>
        <source>Table encoding (empty: detect)</source>
        <translation>표 인코딩 (비워 두면 자동 감지)</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="83"/>
        <source>Geocoded</source>
        <translation>지오코딩 결과</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="84"/>
        <source>Unmatched rows (CSV)</source>
        <translation>찾지 못한 행(CSV)</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="87"/>
        <source>Matched rows</source>
        <translation>매칭된 행</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="87"/>
        <source>Ambiguous rows</source>
        <translation>모호한 행</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="88"/>
        <source>Rows not found</source>
        <translation>찾지 못한 행</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="88"/>
        <source>Rows without an address</source>
        <translation>주소가 없는 행</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="89"/>
        <source>Rows with errors</source>
        <translation>오류가 난 행</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="91"/>
        <source>Encoding of the table read</source>
        <translation>읽은 표의 인코딩</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="100"/>
        <source>Choose an input layer or table.</source>
        <translation>입력 레이어나 표를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="171"/>
        <source>OpenStreetMap file (.osm.pbf/.osm)</source>
        <translation>OpenStreetMap 파일(.osm.pbf/.osm)</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="172"/>
        <source>Or: point layer / table with addresses</source>
        <translation>또는: 주소가 있는 점 레이어/표</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="176"/>
        <source>Longitude field (tables)</source>
        <translation>경도 필드(표)</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="178"/>
        <source>Latitude field (tables)</source>
        <translation>위도 필드(표)</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="180"/>
        <source>Country code of the rows</source>
        <translation>행의 국가 코드</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="181"/>
        <source>Index file</source>
        <translation>색인 파일</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="183"/>
        <source>Rows indexed</source>
        <translation>색인된 행</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="191"/>
        <source>Give an OpenStreetMap file or a layer/table with addresses.</source>
        <translation>OpenStreetMap 파일이나 주소가 있는 레이어/표를 지정하세요.</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="139"/>
        <source>Matched {0}, ambiguous {1}, not found {2}, empty {3}, errors {4}; {5} requests, {6} from the cache.</source>
        <translation>일치 {0}, 모호 {1}, 찾지 못함 {2}, 빈 주소 {3}, 오류 {4}; 요청 {5}건, 캐시 {6}건.</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="199"/>
        <source>{0} rows indexed in {1:.1f} s.</source>
        <translation>{0}개 행을 {1:.1f}초 만에 색인했습니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="123"/>
        <source>The output CRS '{0}' is not valid. Give e.g. EPSG:4326 or EPSG:5179.</source>
        <translation>출력 좌표계 '{0}'이(가) 올바르지 않습니다. 예: EPSG:4326 또는 EPSG:5179.</translation>
    </message>
    <message>
        <location filename="../algorithms/geocode_algs.py" line="136"/>
        <location filename="../core/thematic/join.py" line="159"/>
        <location filename="../ui/geocode_dock.py" line="391"/>
        <source>Table encoding: {0}.</source>
        <translation>표 인코딩: {0}.</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="30"/>
        <source>Sentinel-2 from STAC</source>
        <translation>STAC의 Sentinel-2</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="150"/>
        <location filename="../algorithms/stac_algs.py" line="216"/>
        <location filename="../algorithms/wealth_algs.py" line="29"/>
        <location filename="../algorithms/wealth_train_algs.py" line="28"/>
        <source>Wealth from imagery</source>
        <translation>영상 기반 부 추정</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="78"/>
        <source>Search Sentinel-2 items in a STAC catalogue</source>
        <translation>STAC 카탈로그에서 Sentinel-2 항목 검색</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="81"/>
        <source>Searches a STAC API (Earth Search, Planetary Computer, Copernicus Data Space or any URL) for Sentinel-2 L2A items over the extent, in a date range and season, below a cloud cover; writes their footprints with date, tile, cloud cover and the share of the extent each covers.</source>
        <translation>STAC API(Earth Search, Planetary Computer, Copernicus Data Space 또는 임의 URL)에서 범위, 기간과 계절, 운량 기준에 맞는 Sentinel-2 L2A 항목을 검색하고, 날짜, 타일, 운량, 각 항목이 범위를 덮는 비율과 함께 그 경계(footprint)를 저장합니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="110"/>
        <source>Cloud-free Sentinel-2 composite from STAC</source>
        <translation>STAC의 구름 없는 Sentinel-2 합성 영상</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="113"/>
        <source>Makes a per-pixel median (or best-pixel) composite of the clear Sentinel-2 L2A observations over the extent, masked with the scene classification (SCL), on a 10 m grid in the region's UTM zone. Only the needed windows of the cloud-optimised GeoTIFFs are read; finished windows are cached, so a rerun or an interrupted run reads nothing twice. Writes a Float32 reflectance GeoTIFF with a clear_count band and a provenance record (.stac.json).</source>
        <translation>범위 안의 맑은 Sentinel-2 L2A 관측을 장면 분류(SCL)로 마스킹하여, 영역의 UTM 구역 10 m 격자 위에 화소별 중앙값(또는 최적 화소) 합성 영상을 만듭니다. 클라우드 최적화 GeoTIFF에서 필요한 창만 읽고, 끝난 창은 캐시되므로 다시 실행하거나 중단된 실행을 이어도 같은 것을 두 번 읽지 않습니다. clear_count 밴드와 출처 기록(.stac.json)이 있는 Float32 반사율 GeoTIFF를 씁니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="157"/>
        <source>Train wealth model from survey points and a STAC catalogue</source>
        <translation>조사 지점과 STAC 카탈로그로 부 모델 학습</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="160"/>
        <source>Like 'Train wealth model from survey points', but the imagery comes from a STAC catalogue: for each point, its context window (3 x 3 chips by default) is composed from the clearest Sentinel-2 L2A items of the period (median, or the best single date), cached on disk so a rerun reads nothing twice. Points without clear imagery are reported, not fatal.</source>
        <translation>'조사 지점으로 부 모델 학습'과 같지만 영상은 STAC 카탈로그에서 옵니다. 각 지점의 주변 창(기본 3 x 3 칩)을 그 기간의 가장 맑은 Sentinel-2 L2A 항목으로 만들며(중앙값 또는 가장 좋은 단일 날짜), 디스크에 캐시하므로 다시 실행해도 두 번 읽지 않습니다. 맑은 영상이 없는 지점은 보고되며 작업을 멈추지 않습니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="223"/>
        <source>Predict wealth from a STAC catalogue</source>
        <translation>STAC 카탈로그로 부 예측</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="226"/>
        <source>Makes (or reuses from the window cache) a cloud-free Sentinel-2 composite of the extent from a STAC catalogue, then predicts a wealth index per chip over it, as 'Predict wealth' does on a raster.</source>
        <translation>STAC 카탈로그에서 범위의 구름 없는 Sentinel-2 합성 영상을 만들고(또는 창 캐시에서 다시 쓰고), 래스터에서 '부 예측'을 하듯 그 위에서 칩마다 부 지수를 예측합니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="36"/>
        <source>STAC catalogue (earth-search, planetary-computer, copernicus, or a STAC API URL)</source>
        <translation>STAC 카탈로그 (earth-search, planetary-computer, copernicus 또는 STAC API URL)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="38"/>
        <source>Collection (empty: sentinel-2-l2a)</source>
        <translation>컬렉션 (비우면 sentinel-2-l2a)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="40"/>
        <source>Date range (2023-06-01/2023-08-31)</source>
        <translation>기간 (2023-06-01/2023-08-31)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="41"/>
        <source>Maximum cloud cover of an item (%)</source>
        <translation>항목의 최대 운량 (%)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="44"/>
        <source>Season: months (e.g. 6,7,8; empty: all)</source>
        <translation>계절: 월 (예: 6,7,8; 비우면 전체)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="46"/>
        <source>At most this many items</source>
        <translation>최대 항목 수</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="48"/>
        <source>Authentication (optional)</source>
        <translation>인증 (선택)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="86"/>
        <location filename="../algorithms/stac_algs.py" line="120"/>
        <location filename="../algorithms/stac_algs.py" line="231"/>
        <location filename="../ui/wealth_predict_widget.py" line="169"/>
        <source>Region</source>
        <translation>영역</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="88"/>
        <source>Footprints</source>
        <translation>경계</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="90"/>
        <source>Items found</source>
        <translation>찾은 항목</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="122"/>
        <location filename="../algorithms/stac_algs.py" line="128"/>
        <location filename="../algorithms/stac_algs.py" line="238"/>
        <location filename="../ui/stac_widget.py" line="81"/>
        <source>Composite</source>
        <translation>합성</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="125"/>
        <source>SCL classes to mask (cloud, shadow, cirrus, snow)</source>
        <translation>마스킹할 SCL 분류 (cloud, shadow, cirrus, snow)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="127"/>
        <location filename="../core/wealth/report.py" line="127"/>
        <location filename="../ui/wealth_predict_widget.py" line="201"/>
        <source>Bands</source>
        <translation>밴드</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="129"/>
        <source>Provenance record (JSON)</source>
        <translation>출처 기록 (JSON)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="130"/>
        <source>Bytes read</source>
        <translation>읽은 바이트</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="167"/>
        <location filename="../algorithms/wealth_train_algs.py" line="75"/>
        <source>Survey points (point layer)</source>
        <translation>설문 지점(점 레이어)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="169"/>
        <location filename="../algorithms/wealth_train_algs.py" line="77"/>
        <source>or survey table (CSV/XLSX with latitude/longitude columns)</source>
        <translation>또는 설문 표(위도/경도 열이 있는 CSV/XLSX)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="170"/>
        <location filename="../algorithms/wealth_train_algs.py" line="78"/>
        <source>Value field (e.g. wealthpooled)</source>
        <translation>값 필드(예: wealthpooled)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="172"/>
        <location filename="../ui/stac_widget.py" line="105"/>
        <source>Imagery per point</source>
        <translation>지점별 영상</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="176"/>
        <location filename="../algorithms/wealth_train_algs.py" line="93"/>
        <source>Bundle whose embedder to use (empty: the bundled one)</source>
        <translation>임베더를 가져올 번들(비우면 내장 번들)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="178"/>
        <location filename="../algorithms/wealth_train_algs.py" line="103"/>
        <location filename="../ui/wealth_train_widget.py" line="73"/>
        <source>Trees</source>
        <translation>트리 수</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="180"/>
        <source>Spatial block size (km)</source>
        <translation>공간 블록 크기(km)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="182"/>
        <location filename="../algorithms/wealth_train_algs.py" line="133"/>
        <location filename="../ui/stac_widget.py" line="108"/>
        <location filename="../ui/wealth_train_widget.py" line="91"/>
        <source>Model bundle folder</source>
        <translation>모델 번들 폴더</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="183"/>
        <location filename="../algorithms/wealth_train_algs.py" line="134"/>
        <source>Training report (HTML)</source>
        <translation>학습 보고서(HTML)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="184"/>
        <location filename="../algorithms/wealth_train_algs.py" line="135"/>
        <source>Cross-validated r²</source>
        <translation>교차검증 r²</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="198"/>
        <location filename="../algorithms/wealth_train_algs.py" line="151"/>
        <source>Give the survey points: a point layer or a table file.</source>
        <translation>설문 지점을 주십시오: 점 레이어 또는 표 파일.</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="234"/>
        <source>Model bundle (empty: the settings' or the bundled demo)</source>
        <translation>모델 번들 (비우면 설정의 번들 또는 기본 데모)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="237"/>
        <location filename="../algorithms/wealth_algs.py" line="107"/>
        <source>Wealth chips (GeoPackage)</source>
        <translation>부 지수 칩(GeoPackage)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="239"/>
        <location filename="../algorithms/wealth_algs.py" line="111"/>
        <source>Chips used</source>
        <translation>사용한 칩</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="59"/>
        <location filename="../ui/stac_widget.py" line="127"/>
        <source>Season months must be whole numbers such as 6,7,8.</source>
        <translation>계절의 월은 6,7,8 같은 정수여야 합니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="101"/>
        <location filename="../ui/stac_widget.py" line="166"/>
        <source>{0} items found.</source>
        <translation>항목 {0}개를 찾았습니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="122"/>
        <location filename="../ui/stac_widget.py" line="79"/>
        <source>median of clear pixels</source>
        <translation>맑은 화소의 중앙값</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="123"/>
        <location filename="../ui/stac_widget.py" line="80"/>
        <source>best pixel (least cloudy item)</source>
        <translation>최적 화소 (운량이 가장 적은 항목)</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="141"/>
        <source>{0} items, {1} windows ({2} from the cache, {3} not ok), {4} requests, {5:.1f} MB read.</source>
        <translation>항목 {0}개, 창 {1}개 (캐시 {2}개, 정상 아님 {3}개), 요청 {4}회, {5:.1f} MB 읽음.</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="173"/>
        <location filename="../ui/stac_widget.py" line="103"/>
        <source>median of the clearest items</source>
        <translation>가장 맑은 항목들의 중앙값</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="173"/>
        <location filename="../ui/stac_widget.py" line="104"/>
        <source>best single date</source>
        <translation>가장 좋은 단일 날짜</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="209"/>
        <source>Point imagery: {0}; {1} requests, {2:.1f} MB read.</source>
        <translation>지점 영상: {0}; 요청 {1}회, {2:.1f} MB 읽음.</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="252"/>
        <location filename="../algorithms/wealth_algs.py" line="165"/>
        <location filename="../core/wealth/api.py" line="70"/>
        <source>{0}: {1} chips, {2} used, {3} skipped; mean {4:.4g}, median {5:.4g}.</source>
        <translation>{0}: 칩 {1}개, 사용 {2}개, 건너뜀 {3}개; 평균 {4:.4g}, 중앙값 {5:.4g}.</translation>
    </message>
    <message>
        <location filename="../algorithms/stac_algs.py" line="249"/>
        <location filename="../algorithms/wealth_algs.py" line="150"/>
        <source>The output must be a GeoPackage (.gpkg) file, not '{0}'.</source>
        <translation>출력은 GeoPackage(.gpkg) 파일이어야 합니다('{0}'은(는) 안 됩니다).</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="93"/>
        <location filename="../plugin.py" line="56"/>
        <source>Thematic maps</source>
        <translation>주제도</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="112"/>
        <source>Join statistics table to boundaries</source>
        <translation>통계표를 경계에 결합</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="115"/>
        <source>Joins a CSV/XLSX table (UTF-8 or CP949/EUC-KR, detected) to a boundary layer by key into a new layer. Keys are trimmed, compared without case and without leading zeros; text columns of numbers with thousands separators become numbers. The join report lists unmatched keys on both sides and duplicates. The input layer is not changed.</source>
        <translation>CSV/XLSX 표(UTF-8 또는 CP949/EUC-KR, 자동 감지)를 키로 경계 레이어에 결합하여 새 레이어를 만듭니다. 키는 앞뒤 공백을 없애고 대소문자와 앞자리 0을 무시하고 비교합니다. 천 단위 구분 기호가 있는 숫자 텍스트 열은 숫자가 됩니다. 결합 보고서에는 양쪽의 불일치 키와 중복 키가 나옵니다. 입력 레이어는 바뀌지 않습니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="157"/>
        <source>Choropleth map</source>
        <translation>단계구분도</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="160"/>
        <source>Classifies a numeric field (optionally divided by another field or by the ellipsoidal area, times a multiplier) and writes a copy of the layer styled with a graduated renderer: equal interval, quantile, natural breaks (Fisher-Jenks), standard deviation, pretty, manual, box map, percentile, logarithmic or head/tail breaks classes, ColorBrewer colours, a No data class and class counts in the legend. Zero or NULL denominators become No data and are reported.</source>
        <translation>숫자 필드(선택적으로 다른 필드나 타원체 면적으로 나누고 배율을 곱함)를 분류하고, 단계 렌더러로 스타일을 적용한 레이어 사본을 씁니다: 등간격, 분위수, 자연 구분(Fisher-Jenks), 표준편차, 보기 좋은 구간, 수동, 상자 지도, 백분위, 로그 또는 헤드/테일 구분, ColorBrewer 색상, 자료 없음 등급과 범례의 등급별 개수. 분모가 0이거나 NULL이면 자료 없음이 되고 보고됩니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="224"/>
        <source>Bivariate choropleth (3 x 3)</source>
        <translation>이변량 단계구분도 (3 x 3)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="227"/>
        <source>Colours polygons by two fields at once: each field is split in thirds (tertiles) and the nine combinations get a colour of a standard bivariate palette. The style is a rule-based renderer that QGIS reads without this plugin; a legend image (PNG) is written too.</source>
        <translation>두 필드로 동시에 폴리곤 색을 칠합니다: 각 필드를 삼분위로 나누고 아홉 가지 조합에 표준 이변량 팔레트의 색을 줍니다. 스타일은 이 플러그인 없이도 QGIS가 읽는 규칙 기반 렌더러이며, 범례 이미지(PNG)도 씁니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="261"/>
        <source>Chart map (pies, bars, proportional circles)</source>
        <translation>차트맵 (파이, 막대, 비례 원)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="264"/>
        <source>Draws a pie, bar or stacked-bar chart per polygon from two or more fields (one colour per field), sized by the total with a size legend or with a fixed size; or proportional circles of one field. Uses QGIS's diagram renderers, so the style works without this plugin.</source>
        <translation>두 개 이상의 필드로 폴리곤마다 파이, 막대 또는 누적 막대 차트를 그립니다(필드마다 한 색). 크기는 합계에 따르며 크기 범례가 있거나 고정 크기입니다. 또는 한 필드의 비례 원을 그립니다. QGIS 다이어그램 렌더러를 쓰므로 이 플러그인 없이도 스타일이 유지됩니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="305"/>
        <source>Export finished map (PNG, PDF)</source>
        <translation>완성 지도 내보내기 (PNG, PDF)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="308"/>
        <source>Builds a print layout with a title, the map of the chosen layers, a legend, a scale bar, a north arrow and a source note, and exports it to PNG and/or PDF at the chosen resolution.</source>
        <translation>제목, 선택한 레이어의 지도, 범례, 축척 막대, 방위표, 출처 주석이 있는 인쇄 조판을 만들고 선택한 해상도로 PNG 및/또는 PDF로 내보냅니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="98"/>
        <source>Styled layer (GeoPackage)</source>
        <translation>스타일이 적용된 레이어 (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="121"/>
        <location filename="../ui/thematic_dock.py" line="86"/>
        <source>Boundary layer</source>
        <translation>경계 레이어</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="123"/>
        <source>Key field in the layer</source>
        <translation>레이어의 키 필드</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="125"/>
        <source>Statistics table (CSV, TXT, XLSX, ODS)</source>
        <translation>통계표 (CSV, TXT, XLSX, ODS)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="127"/>
        <source>Key column in the table</source>
        <translation>표의 키 열</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="129"/>
        <source>Duplicate table keys</source>
        <translation>중복된 표 키</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="133"/>
        <source>Joined layer</source>
        <translation>결합된 레이어</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="135"/>
        <source>Matched features</source>
        <translation>일치한 피처</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="136"/>
        <source>Join report (JSON)</source>
        <translation>결합 보고서 (JSON)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="167"/>
        <location filename="../algorithms/thematic_algs.py" line="232"/>
        <location filename="../algorithms/thematic_algs.py" line="269"/>
        <source>Polygon layer</source>
        <translation>폴리곤 레이어</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="169"/>
        <location filename="../ui/stac_widget.py" line="101"/>
        <location filename="../ui/thematic_dock.py" line="142"/>
        <location filename="../ui/wealth_train_widget.py" line="50"/>
        <source>Value field</source>
        <translation>값 필드</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="171"/>
        <source>Classification</source>
        <translation>분류</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="173"/>
        <source>Number of classes</source>
        <translation>등급 수</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="175"/>
        <source>Manual breaks (upper bounds, comma separated)</source>
        <translation>수동 구간 (등급 상한, 쉼표로 구분)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="177"/>
        <source>Colour ramp (ColorBrewer)</source>
        <translation>색상 램프 (ColorBrewer)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="179"/>
        <source>Reverse the colours</source>
        <translation>색상 뒤집기</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="180"/>
        <location filename="../ui/thematic_dock.py" line="143"/>
        <source>Divide by field</source>
        <translation>나눌 필드</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="182"/>
        <source>Divide by area (km², ellipsoidal)</source>
        <translation>면적으로 나누기 (km², 타원체)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="184"/>
        <source>Multiplier (e.g. 1000 for per 1,000, 100 for %)</source>
        <translation>배율 (예: 1,000명당은 1000, %는 100)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="188"/>
        <source>Class breaks</source>
        <translation>등급 구간</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="189"/>
        <source>Goodness of variance fit</source>
        <translation>분산 적합도</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="234"/>
        <source>First field (horizontal)</source>
        <translation>첫째 필드 (가로)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="236"/>
        <source>Second field (vertical)</source>
        <translation>둘째 필드 (세로)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="238"/>
        <location filename="../ui/thematic_dock.py" line="207"/>
        <source>Palette</source>
        <translation>팔레트</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="240"/>
        <source>Legend image</source>
        <translation>범례 이미지</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="240"/>
        <location filename="../algorithms/thematic_algs.py" line="321"/>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="271"/>
        <location filename="../ui/thematic_dock.py" line="179"/>
        <source>Fields</source>
        <translation>필드</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="274"/>
        <location filename="../ui/thematic_dock.py" line="180"/>
        <source>Chart type</source>
        <translation>차트 종류</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="277"/>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="279"/>
        <source>Largest chart size (mm)</source>
        <translation>가장 큰 차트 크기 (mm)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="282"/>
        <source>Colours (ColorBrewer)</source>
        <translation>색상 (ColorBrewer)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="315"/>
        <source>Layers (first on top)</source>
        <translation>레이어 (첫 레이어가 맨 위)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="317"/>
        <location filename="../ui/thematic_dock.py" line="228"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="318"/>
        <location filename="../ui/thematic_dock.py" line="229"/>
        <source>Source note</source>
        <translation>출처 주석</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="319"/>
        <location filename="../ui/thematic_dock.py" line="230"/>
        <source>Resolution (DPI)</source>
        <translation>해상도 (DPI)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="321"/>
        <source>PNG image</source>
        <translation>PNG 이미지</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="323"/>
        <source>PDF document</source>
        <translation>PDF 문서</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="323"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="331"/>
        <source>Choose a PNG and/or a PDF file to export to.</source>
        <translation>내보낼 PNG 및/또는 PDF 파일을 고르세요.</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="102"/>
        <source>Style file (.qml; default: beside the layer)</source>
        <translation>스타일 파일 (.qml; 기본: 레이어 옆)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="102"/>
        <source>QGIS style (*.qml)</source>
        <translation>QGIS 스타일 (*.qml)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="104"/>
        <source>Style file</source>
        <translation>스타일 파일</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="126"/>
        <location filename="../ui/thematic_dock.py" line="80"/>
        <source>Tables (*.csv *.txt *.tsv *.xlsx *.xls *.ods)</source>
        <translation>표 (*.csv *.txt *.tsv *.xlsx *.xls *.ods)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="130"/>
        <source>Stop with an error</source>
        <translation>오류로 중단</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="130"/>
        <source>Keep the first row</source>
        <translation>첫 행 유지</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="213"/>
        <source>Breaks: {0}; goodness of variance fit {1:.3f}.</source>
        <translation>구간: {0}; 분산 적합도 {1:.3f}.</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="275"/>
        <location filename="../ui/thematic_dock.py" line="170"/>
        <source>Pie</source>
        <translation>파이</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="275"/>
        <location filename="../ui/thematic_dock.py" line="170"/>
        <source>Bars</source>
        <translation>막대</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="275"/>
        <location filename="../ui/thematic_dock.py" line="170"/>
        <source>Stacked bar</source>
        <translation>누적 막대</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="276"/>
        <location filename="../ui/thematic_dock.py" line="171"/>
        <source>Proportional circles (one field)</source>
        <translation>비례 원 (필드 하나)</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="277"/>
        <source>By total</source>
        <translation>합계에 따라</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="277"/>
        <source>Fixed</source>
        <translation>고정</translation>
    </message>
    <message>
        <location filename="../algorithms/thematic_algs.py" line="209"/>
        <source>{0} features have a zero or NULL denominator and are shown as No data (feature ids {1}).</source>
        <translation>피처 {0}개의 분모가 0이거나 NULL이어서 자료 없음으로 표시됩니다 (피처 id {1}).</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="53"/>
        <source>Predict wealth from Sentinel-2 imagery</source>
        <translation>Sentinel-2 영상으로 부(富) 지수 추정</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="56"/>
        <source>Cuts the region into chips on the model's grid (256 px at 10 m), embeds each chip with the bundle's CNN, adds NDVI/NDBI/NDWI statistics and predicts a wealth index with the bundle's random forest (uncertainty = spread of the trees). Chips with too few valid pixels or too many clouds stay in the output with a status. The region is the selected or all features of REGION, else EXTENT, else the whole raster. The bundled model is a demonstration model, not a wealth estimate.</source>
        <translation>모델 격자(10 m에서 256 px)로 영역을 칩으로 나누고, 번들의 CNN으로 각 칩을 임베딩하고, NDVI/NDBI/NDWI 통계를 더해 번들의 랜덤 포레스트로 부 지수를 추정합니다(불확실성 = 트리 간 편차). 유효 픽셀이 너무 적거나 구름이 너무 많은 칩은 상태 값과 함께 출력에 남습니다. 영역은 REGION의 선택(또는 전체) 피처, 없으면 EXTENT, 없으면 래스터 전체입니다. 내장 모델은 시연용 모델이며 부 추정치가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="66"/>
        <source>Sentinel-2 raster</source>
        <translation>Sentinel-2 래스터</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="68"/>
        <source>More rasters (adjacent tiles: mosaicked, the first given wins where they overlap)</source>
        <translation>추가 래스터 (인접 타일: 모자이크하며, 겹치는 곳은 먼저 지정한 래스터를 씀)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="71"/>
        <location filename="../algorithms/wealth_train_algs.py" line="90"/>
        <source>…and/or Sentinel-2 products as downloaded (.zip or MTD_MSIL2A.xml / MTD_MSIL1C.xml)</source>
        <translation>…및/또는 내려받은 Sentinel-2 제품 (.zip 또는 MTD_MSIL2A.xml / MTD_MSIL1C.xml)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="74"/>
        <source>Region polygons (selected features are used when 'selected only' is set)</source>
        <translation>영역 폴리곤('선택된 피처만'을 켜면 선택된 피처 사용)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="76"/>
        <source>Region extent</source>
        <translation>영역 범위</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="78"/>
        <source>Model bundle folder (empty: the bundled demonstration model)</source>
        <translation>모델 번들 폴더(비우면 내장 시연 모델)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="81"/>
        <source>Band mapping, e.g. B02=1, B03=2, B04=3, B08=4, B11=5 (empty: from band names)</source>
        <translation>밴드 매핑, 예: B02=1, B03=2, B04=3, B08=4, B11=5(비우면 밴드 이름에서 찾음)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="84"/>
        <source>Maximum number of chips (0: no limit)</source>
        <translation>최대 칩 수(0: 제한 없음)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="87"/>
        <source>Minimum valid-pixel fraction of a chip</source>
        <translation>칩의 최소 유효 픽셀 비율</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="90"/>
        <source>Maximum cloud fraction of a chip</source>
        <translation>칩의 최대 구름 비율</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="93"/>
        <source>Use CUDA when available</source>
        <translation>가능하면 CUDA 사용</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="95"/>
        <source>Covariate rasters the model was trained with (matched by layer name)</source>
        <translation>모델 학습에 쓴 공변량 래스터(레이어 이름으로 대응)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="99"/>
        <location filename="../algorithms/wealth_train_algs.py" line="126"/>
        <source>Run on (empty: in this process; 'local': worker processes on this machine; tcp://host:8786: a Dask cluster)</source>
        <translation>실행 위치 (비움: 이 프로세스; 'local': 이 컴퓨터의 작업자 프로세스; tcp://host:8786: Dask 클러스터)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="102"/>
        <location filename="../algorithms/wealth_train_algs.py" line="129"/>
        <source>Local worker processes (0: one per core)</source>
        <translation>로컬 작업자 프로세스 수 (0: 코어마다 하나)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="109"/>
        <source>Wealth raster (Float32 GeoTIFF, one pixel per chip)</source>
        <translation>부 지수 래스터(Float32 GeoTIFF, 칩당 한 픽셀)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="111"/>
        <source>Chips</source>
        <translation>칩</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="112"/>
        <source>Chips skipped</source>
        <translation>건너뛴 칩</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="114"/>
        <source>Mean wealth</source>
        <translation>부 지수 평균</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="115"/>
        <source>Median wealth</source>
        <translation>부 지수 중앙값</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="116"/>
        <source>Region area (km²)</source>
        <translation>영역 면적(km²)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="117"/>
        <source>Model id</source>
        <translation>모델 ID</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="118"/>
        <source>Model status</source>
        <translation>모델 상태</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="131"/>
        <source>No raster was given: choose a raster layer (INPUT) or Sentinel-2 products (PRODUCTS).</source>
        <translation>래스터가 지정되지 않았습니다. 래스터 레이어(INPUT) 또는 Sentinel-2 제품(PRODUCTS)을 고르세요.</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="141"/>
        <source>The region layer has no (selected) polygon features.</source>
        <translation>영역 레이어에 (선택된) 폴리곤 피처가 없습니다.</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_algs.py" line="170"/>
        <location filename="../ui/wealth_predict_widget.py" line="77"/>
        <source>{0} partitions: {1} run, {2} already done (run folder {3}).</source>
        <translation>분할 {0}개: {1}개 실행, {2}개는 이미 완료 (실행 폴더 {3}).</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="59"/>
        <source>Train wealth model from survey points</source>
        <translation>설문 지점으로 부 모델 학습</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="62"/>
        <source>Trains a random forest wealth head on survey points (for example DHS clusters) and Sentinel-2 rasters, with the features prediction computes for the chip that contains each point: the mean embedding of the grid-aligned chips around it (3 x 3 chips = 7.68 km by default, covering the survey's coordinate displacement) plus the NDVI/NDBI/NDWI statistics the raster's bands allow (NDBI needs B11) and optional covariate rasters (night lights, population...; any CRS). Accuracy is cross-validated on held-out spatial blocks (sized for the survey by default) or whole groups, next to baselines (group mean, urban/rural mean), with an out-of-region test and errors per slice. Writes a model bundle (status 'trained') with report.html and report.json. Give the survey as a point layer, or as a table file with latitude/longitude columns.</source>
        <translation>설문 지점(예: DHS 클러스터)과 Sentinel-2 래스터로 랜덤 포레스트 부 헤드를 학습합니다. 특징은 예측이 각 지점을 포함하는 칩에 대해 계산하는 것과 같습니다: 그 주변의 격자에 맞춘 칩들(기본 3 x 3 칩 = 7.68 km, 설문 좌표의 변위를 포함)의 평균 임베딩, 래스터의 밴드로 계산할 수 있는 NDVI/NDBI/NDWI 통계(NDBI에는 B11 필요), 선택적인 공변량 래스터(야간 조명, 인구 등, 좌표계 무관)입니다. 정확도는 제외된 공간 블록(기본값은 설문 범위에 맞춘 크기)이나 그룹 전체로 교차 검증하며, 기준선(그룹 평균, 도시/농촌 평균), 지역 외 검증, 구간별 오차와 함께 보여 줍니다. 모델 번들(상태 'trained')과 report.html, report.json을 씁니다. 설문은 점 레이어나 위도/경도 열이 있는 표 파일로 주십시오.</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="79"/>
        <source>Group field (country/region)</source>
        <translation>그룹 필드(국가/지역)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="81"/>
        <location filename="../ui/wealth_train_widget.py" line="56"/>
        <source>Urban/rural field</source>
        <translation>도시/농촌 필드</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="82"/>
        <source>Extra columns reported as evaluation slices, not features (comma-separated)</source>
        <translation>평가 구간으로만 보고할 추가 열(특성 아님, 쉼표로 구분)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="85"/>
        <source>CRS of the table's coordinates</source>
        <translation>표 좌표의 좌표계</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="88"/>
        <location filename="../ui/wealth_train_widget.py" line="59"/>
        <source>Sentinel-2 rasters</source>
        <translation>Sentinel-2 래스터</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="96"/>
        <location filename="../core/wealth/report.py" line="165"/>
        <location filename="../ui/wealth_train_widget.py" line="63"/>
        <source>Cross-validation</source>
        <translation>교차 검증</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="98"/>
        <source>Folds (blocked k-fold)</source>
        <translation>폴드 수(블록 k-폴드)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="100"/>
        <source>Spatial block size (km; 0: automatic, 50 km or smaller to give enough blocks)</source>
        <translation>공간 블록 크기(km, 0: 자동, 블록 수가 충분하도록 50 km 이하)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="105"/>
        <source>Minimum points per leaf</source>
        <translation>리프당 최소 지점 수</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="107"/>
        <source>PCA components of the embedding</source>
        <translation>임베딩의 PCA 성분 수</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="109"/>
        <source>Context width (m, rounded up to an odd number of chips; 0: automatic, at least 5 km)</source>
        <translation>맥락 너비(m, 홀수 개의 칩으로 올림; 0: 자동, 최소 5 km)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="113"/>
        <location filename="../ui/wealth_train_widget.py" line="74"/>
        <source>Compare feature groups (ablation)</source>
        <translation>특징 그룹 비교(제거 실험)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="116"/>
        <source>Covariate rasters (night lights, population, built-up...; named by layer name)</source>
        <translation>공변량 래스터(야간 조명, 인구, 건물지 등, 레이어 이름으로 명명)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="119"/>
        <source>Covariates summed over the window, not averaged (counts such as population; comma-separated layer names)</source>
        <translation>창 안에서 평균이 아니라 합계를 내는 공변량(인구 같은 개수, 쉼표로 구분한 레이어 이름)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="122"/>
        <source>Groups held out as the out-of-region test set (comma-separated; empty: each group in turn)</source>
        <translation>지역 외 검증 세트로 떼어 둘 그룹(쉼표로 구분, 비우면 그룹마다 차례로)</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="158"/>
        <source>Give the Sentinel-2 rasters (RASTERS) or products (PRODUCTS) that cover the survey points.</source>
        <translation>조사 지점을 덮는 Sentinel-2 래스터(RASTERS) 또는 제품(PRODUCTS)을 지정하세요.</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="96"/>
        <location filename="../core/wealth/report.py" line="163"/>
        <location filename="../ui/wealth_train_widget.py" line="61"/>
        <source>spatially blocked k-fold</source>
        <translation>공간 블록 k-폴드</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="96"/>
        <location filename="../core/wealth/report.py" line="163"/>
        <location filename="../ui/wealth_train_widget.py" line="62"/>
        <source>leave one group out</source>
        <translation>그룹 하나씩 제외</translation>
    </message>
    <message>
        <location filename="../algorithms/wealth_train_algs.py" line="192"/>
        <source>Cross-validated r² {0:.3f} (urban/rural-mean baseline {1}); report: {2}</source>
        <translation>교차 검증 r² {0:.3f} (도시/농촌 평균 기준선 {1}); 보고서: {2}</translation>
    </message>
    <message>
        <location filename="../core/deps.py" line="16"/>
        <source>all computations</source>
        <translation>모든 계산</translation>
    </message>
    <message>
        <location filename="../core/deps.py" line="17"/>
        <source>training wealth models and statistics</source>
        <translation>부 모델 학습과 통계</translation>
    </message>
    <message>
        <location filename="../core/deps.py" line="18"/>
        <source>wealth prediction (running the ONNX models)</source>
        <translation>부 추정 (ONNX 모델 실행)</translation>
    </message>
    <message>
        <location filename="../core/deps.py" line="19"/>
        <source>wealth prediction and training (building the ONNX graphs)</source>
        <translation>부 예측과 학습(ONNX 그래프 생성)</translation>
    </message>
    <message>
        <location filename="../core/deps.py" line="20"/>
        <source>web geocoding providers</source>
        <translation>웹 지오코딩 서비스</translation>
    </message>
    <message>
        <location filename="../core/deps.py" line="21"/>
        <source>reading rasters</source>
        <translation>래스터 읽기</translation>
    </message>
    <message>
        <location filename="../core/deps.py" line="27"/>
        <location filename="../core/deps.py" line="28"/>
        <source>runs on several processes or machines (Dask)</source>
        <translation>여러 프로세스나 컴퓨터에서 실행 (Dask)</translation>
    </message>
    <message>
        <location filename="../core/deps.py" line="92"/>
        <source>WealthMap needs Python packages that are not installed: {0}. Install them for the Python that QGIS uses, then restart QGIS: {1}</source>
        <translation>WealthMap에 필요한 파이썬 패키지가 설치되어 있지 않습니다: {0}. QGIS가 사용하는 파이썬에 설치한 뒤 QGIS를 다시 시작하세요: {1}</translation>
    </message>
    <message>
        <location filename="../core/encodings.py" line="338"/>
        <source>another encoding</source>
        <translation>다른 인코딩</translation>
    </message>
    <message>
        <location filename="../core/encodings.py" line="351"/>
        <source>Cannot tell the encoding of {0}: it is not UTF-8, and it reads as {1}. Give the right one with the encoding option (console: encoding='cp949' for Korean, 'cp1252' for Western European text; Processing: Table encoding) or save the file as UTF-8.</source>
        <translation>{0}의 인코딩을 알 수 없습니다. UTF-8이 아니며 다음과 같이 읽힙니다: {1}. 인코딩 옵션으로 올바른 인코딩을 지정하거나(콘솔: 한국어는 encoding='cp949', 서유럽 문자는 'cp1252'; Processing: 표 인코딩) 파일을 UTF-8로 저장하세요.</translation>
    </message>
    <message>
        <location filename="../core/encodings.py" line="353"/>
        <source>nothing readable</source>
        <translation>읽을 수 있는 내용 없음</translation>
    </message>
    <message>
        <location filename="../core/encodings.py" line="344"/>
        <source>The file {0} mixes encodings: line {1} is {2} while most lines are {3}, so part of its text would be garbled. Save the whole file in one encoding (e.g. UTF-8: open it in a text editor or Excel and save it again) and try again.</source>
        <translation>파일 {0}에 인코딩이 섞여 있습니다. 대부분의 줄은 {3}인데 {1}번째 줄은 {2}이므로 일부 글자가 깨집니다. 파일 전체를 하나의 인코딩으로 저장한 뒤(예: UTF-8, 텍스트 편집기나 Excel에서 열어 다시 저장) 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/answers.py" line="110"/>
        <source>the geocoder's answer is not a list of candidates</source>
        <translation>지오코더의 응답이 후보 목록이 아닙니다</translation>
    </message>
    <message>
        <location filename="../core/geocode/answers.py" line="115"/>
        <source>a candidate is not a record</source>
        <translation>후보 하나가 레코드 형식이 아닙니다</translation>
    </message>
    <message>
        <location filename="../core/geocode/answers.py" line="55"/>
        <location filename="../core/geocode/answers.py" line="76"/>
        <location filename="../core/geocode/answers.py" line="119"/>
        <source>the service answered coordinates that are not a valid point ({0})</source>
        <translation>서비스가 유효한 지점이 아닌 좌표를 응답했습니다({0})</translation>
    </message>
    <message>
        <location filename="../core/geocode/answers.py" line="80"/>
        <source>the service answered coordinates in an unknown CRS ({0})</source>
        <translation>서비스가 알 수 없는 좌표계의 좌표를 응답했습니다({0})</translation>
    </message>
    <message>
        <location filename="../core/geocode/answers.py" line="92"/>
        <location filename="../core/geocode/answers.py" line="85"/>
        <source>the service answered coordinates that are not a valid point ({0} in {1})</source>
        <translation>서비스가 유효한 지점이 아닌 좌표를 응답했습니다({1}의 {0})</translation>
    </message>
    <message>
        <location filename="../core/geocode/answers.py" line="124"/>
        <source>a candidate's score is not a number ({0})</source>
        <translation>후보의 점수가 숫자가 아닙니다({0})</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="153"/>
        <source>Matched {0}, ambiguous {1}, not found {2}, empty {3}, errors {4}. {5} requests, {6} addresses from the cache.</source>
        <translation>일치 {0}, 모호 {1}, 찾지 못함 {2}, 빈 주소 {3}, 오류 {4}. 요청 {5}건, 캐시에서 {6}건.</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="172"/>
        <source>{0} of {1} addresses were not found: only the bundled world gazetteer (countries, cities and towns, no streets) was searched. Street addresses need an address index: build one from an OpenStreetMap file (.osm.pbf) or from a layer of address points (Geocode panel: 'Build index…'; Processing: 'Build offline address index'; console: build_address_index), choose it as the address index and run again.</source>
        <translation>주소 {1}개 중 {0}개를 찾지 못했습니다. 내장 세계 지명 사전(국가, 도시, 읍면, 도로 없음)만 검색했습니다. 도로명 주소에는 주소 색인이 필요합니다. OpenStreetMap 파일(.osm.pbf)이나 주소 점 레이어로 색인을 만드세요(지오코딩 패널: '색인 만들기…', 프로세싱: '오프라인 주소 색인 만들기', 콘솔: build_address_index). 그런 다음 그 색인을 주소 색인으로 고르고 다시 실행하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="203"/>
        <source>0.6 is usual; 0 accepts every candidate.</source>
        <translation>보통 0.6이며, 0이면 모든 후보를 받아들입니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="206"/>
        <source>It is the number of candidates asked per address; 5 is usual.</source>
        <translation>주소마다 요청하는 후보 수이며, 보통 5입니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="211"/>
        <source>It is requests per second (1 for the public Nominatim).</source>
        <translation>초당 요청 수입니다(공개 Nominatim은 1).</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="243"/>
        <source>Give the path of the index file to write (e.g. addresses.sqlite).</source>
        <translation>쓸 색인 파일의 경로를 지정하세요(예: addresses.sqlite).</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="282"/>
        <location filename="../core/geocode/api.py" line="250"/>
        <location filename="../core/geocode/api.py" line="88"/>
        <source>address index</source>
        <translation>주소 색인</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="89"/>
        <location filename="../core/geocode/batch.py" line="477"/>
        <source>geocoded output</source>
        <translation>지오코딩 결과 파일</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="89"/>
        <location filename="../core/geocode/batch.py" line="559"/>
        <source>CSV of unmatched rows</source>
        <translation>매칭되지 않은 행의 CSV</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="90"/>
        <source>geocoding cache</source>
        <translation>지오코딩 캐시</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="115"/>
        <source>{0} fuzzy matches disagree with the rest of the batch (another country, or far from the other matches): they are marked ambiguous for review, with the reason in the error field.</source>
        <translation>유사 일치 {0}건이 배치의 나머지와 맞지 않습니다(다른 국가이거나 다른 일치 결과와 멀리 떨어짐). 검토할 수 있도록 모호함으로 표시했으며 이유는 error 필드에 있습니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="250"/>
        <source>index source</source>
        <translation>색인 원본</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="84"/>
        <source>The input {0} has no rows to geocode.</source>
        <translation>입력 {0}에 지오코딩할 행이 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="87"/>
        <source>input table</source>
        <translation>입력 표</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="238"/>
        <source>build_address_index: the parameter 'country' takes an ISO country code such as 'kr'; got {0!r}.</source>
        <translation>build_address_index: 매개변수 'country'에는 'kr' 같은 ISO 국가 코드를 넣습니다. 받은 값: {0!r}.</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="293"/>
        <source>No usable rows for the index: every row lacks an address or a point.</source>
        <translation>색인에 쓸 수 있는 행이 없습니다: 모든 행에 주소나 좌표가 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="372"/>
        <source>The reviewed point ({0}, {1}) is not a valid longitude/latitude (EPSG:4326: -180..180, -90..90).</source>
        <translation>검토한 지점({0}, {1})이(가) 유효한 경도/위도가 아닙니다(EPSG:4326: -180..180, -90..90).</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="376"/>
        <source>Feature {0} is not in layer {1}.</source>
        <translation>피처 {0}이(가) 레이어 {1}에 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="390"/>
        <source>Could not save the reviewed point in {0} (is it read-only?).</source>
        <translation>검토한 점을 {0}에 저장할 수 없습니다(읽기 전용인가요?).</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="196"/>
        <source>geocode: the parameter 'countries' takes ISO country codes such as 'kr' or 'li, ch'; got {0!r}.</source>
        <translation>geocode: 매개변수 'countries'에는 'kr' 또는 'li, ch' 같은 ISO 국가 코드를 넣습니다. 받은 값: {0!r}.</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="248"/>
        <source>build_address_index: the source must be a file path or a vector layer; got {0!r}.</source>
        <translation>build_address_index: 원본은 파일 경로나 벡터 레이어여야 합니다. 받은 값: {0!r}.</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="342"/>
        <source>Geocoding '{0}' failed: {1}</source>
        <translation>'{0}' 지오코딩 실패: {1}</translation>
    </message>
    <message>
        <location filename="../core/geocode/api.py" line="302"/>
        <source>Cannot write the address index {0} ({1}). Check the free space and that the folder is writable.</source>
        <translation>주소 색인 {0}을(를) 쓸 수 없습니다({1}). 여유 공간과 폴더 쓰기 권한을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="84"/>
        <source>The input must be a vector layer or the path of a table (CSV, XLSX, GeoPackage...).</source>
        <translation>입력은 벡터 레이어이거나 표 파일(CSV, XLSX, GeoPackage 등)의 경로여야 합니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="77"/>
        <source>The input layer is not valid.</source>
        <translation>입력 레이어가 유효하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="395"/>
        <source>daily request cap of {0} reached for {1}; run again tomorrow to continue</source>
        <translation>{1}의 하루 요청 한도 {0}건에 도달했습니다. 내일 다시 실행하면 이어서 진행합니다</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="406"/>
        <source>not geocoded</source>
        <translation>지오코딩되지 않음</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="392"/>
        <source>{0} The {1} addresses geocoded so far are cached; {2} remain. Fix the problem and run again to resume.</source>
        <translation>{0} 지금까지 지오코딩한 주소 {1}건은 캐시에 저장되었고 {2}건이 남았습니다. 문제를 고친 뒤 다시 실행하면 이어서 진행합니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="419"/>
        <source>The output CRS '{0}' is not valid. Example: EPSG:4326 or EPSG:5179.</source>
        <translation>출력 좌표계 '{0}'이(가) 유효하지 않습니다. 예: EPSG:4326 또는 EPSG:5179.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="480"/>
        <source>The output folder {0} does not exist.</source>
        <translation>출력 폴더 {0}이(가) 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="485"/>
        <source>Cannot write geocoded points to '{0}': choose a file ending in .gpkg, .shp, .geojson or .csv.</source>
        <translation>지오코딩한 점을 '{0}'에 쓸 수 없습니다. .gpkg, .shp, .geojson 또는 .csv로 끝나는 파일을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="514"/>
        <source>Could not open the written output {0}.</source>
        <translation>작성한 출력 {0}을(를) 열 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="529"/>
        <source>Could not write {0}: its rows do not match the geocoded layer.</source>
        <translation>{0}을(를) 쓸 수 없습니다. 행이 지오코딩한 레이어와 맞지 않습니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="141"/>
        <source>{0} has no field {1}. Fields: {2}.</source>
        <translation>{0}에 필드 {1}이(가) 없습니다. 필드: {2}.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="148"/>
        <source>The address expression is not valid: {0}</source>
        <translation>주소 표현식이 올바르지 않습니다: {0}</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="152"/>
        <source>The address expression uses field(s) {0} that {1} does not have. Available fields: {2}.</source>
        <translation>주소 식이 {1}에 없는 필드 {0}을(를) 사용합니다. 사용 가능한 필드: {2}.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="226"/>
        <source>the service's answer does not have the documented format ({0})</source>
        <translation>서비스의 응답이 문서화된 형식이 아닙니다({0})</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="499"/>
        <location filename="../core/thematic/join.py" line="363"/>
        <location filename="../core/thematic/join.py" line="367"/>
        <source>Could not write {0}: {1}</source>
        <translation>{0}을(를) 쓸 수 없습니다: {1}</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="137"/>
        <source>No address field in {0}: choose the field(s) that hold the address (or an expression). Fields: {1}.</source>
        <translation>{0}에 주소 필드가 없습니다: 주소가 들어 있는 필드(또는 표현식)를 선택하세요. 필드: {1}.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="138"/>
        <location filename="../core/wealth/features.py" line="357"/>
        <location filename="../core/wealth/predict.py" line="266"/>
        <location filename="../core/wealth/raster.py" line="311"/>
        <location filename="../ui/wealth_predict_widget.py" line="157"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="166"/>
        <source>The address expression failed on row {0}: {1}</source>
        <translation>{0}번째 행에서 주소 표현식이 실패했습니다: {1}</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="251"/>
        <source>address too long ({0} characters, at most {1})</source>
        <translation>주소가 너무 깁니다({0}자, 최대 {1}자)</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="330"/>
        <source>{0}/{1} addresses geocoded; about {2:.0f} s left.</source>
        <translation>{1}건 중 {0}건 지오코딩; 약 {2:.0f}초 남음.</translation>
    </message>
    <message>
        <location filename="../core/geocode/batch.py" line="318"/>
        <source>The service failed for {0} addresses in a row (last: {1}); it looks unreachable or broken.</source>
        <translation>서비스가 주소 {0}개에 연속으로 실패했습니다(마지막: {1}). 접속할 수 없거나 고장 난 것으로 보입니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/cache.py" line="52"/>
        <source>The geocoding cache {0} cannot be written ({1}): geocoding runs without the cache (nothing is remembered for a rerun). Choose a writable folder in the WealthMap options (geocoding cache folder).</source>
        <translation>지오코딩 캐시 {0}에 쓸 수 없습니다({1}). 캐시 없이 지오코딩합니다(다시 실행할 때 기억되는 결과가 없습니다). WealthMap 옵션에서 쓸 수 있는 폴더(지오코딩 캐시 폴더)를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/cache.py" line="79"/>
        <source>it is a folder</source>
        <translation>폴더입니다</translation>
    </message>
    <message>
        <location filename="../core/geocode/cache.py" line="147"/>
        <source>The geocoding cache {0} failed while in use ({1}); the rest of this run goes without it. If it happens again, delete the file.</source>
        <translation>지오코딩 캐시 {0}이(가) 사용 중 실패했습니다({1}). 이번 실행의 나머지는 캐시 없이 진행합니다. 다시 발생하면 파일을 삭제하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/cache.py" line="178"/>
        <source>{0} entries of the geocoding cache {1} could not be read and were dropped; those addresses are asked again.</source>
        <translation>지오코딩 캐시 {1}의 항목 {0}개를 읽을 수 없어 버렸습니다. 해당 주소는 다시 조회합니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/cache.py" line="87"/>
        <source>The geocoding cache {0} was damaged ({1}); it was moved to {2} and a new, empty cache was started (addresses are asked again).</source>
        <translation>지오코딩 캐시 {0}이(가) 손상되었습니다({1}). {2}(으)로 옮기고 비어 있는 새 캐시를 시작했습니다(주소를 다시 조회합니다).</translation>
    </message>
    <message>
        <location filename="../core/geocode/consensus.py" line="95"/>
        <source>fuzzy match in another country ({0}) than the batch's exact matches ({1}): check it</source>
        <translation>배치의 정확한 일치 결과({1})와 다른 국가({0})의 유사 일치입니다. 확인하세요</translation>
    </message>
    <message>
        <location filename="../core/geocode/consensus.py" line="102"/>
        <source>fuzzy match {0:.0f} km from the batch's other matches (more than {1:.0f} km): check it</source>
        <translation>배치의 다른 일치 결과에서 {0:.0f} km 떨어진 유사 일치입니다({1:.0f} km 초과). 확인하세요</translation>
    </message>
    <message>
        <location filename="../core/geocode/consensus.py" line="80"/>
        <source>fuzzy match (score {0:.2f}) with no exact match in the batch to confirm it: check it</source>
        <translation>배치에 이를 확인해 줄 정확한 일치 결과가 없는 유사 일치입니다(점수 {0:.2f}). 확인하세요</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="117"/>
        <source>The authentication configuration '{0}' holds no API key: put the key in its password field.</source>
        <translation>인증 설정 '{0}'에 API 키가 없습니다: 키를 비밀번호 칸에 넣으세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="108"/>
        <source>The authentication configuration '{0}' was not found or could not be decrypted. Create it in Settings &gt; Options &gt; Authentication (method Basic, the API key as password) and choose it.</source>
        <translation>인증 설정 '{0}'을(를) 찾을 수 없거나 복호화할 수 없습니다. 설정 &gt; 옵션 &gt; 인증에서 만들고(방식 Basic, API 키를 비밀번호로) 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="280"/>
        <location filename="../core/wealth/distributed/collect.py" line="43"/>
        <location filename="../ui/deps_dialog.py" line="116"/>
        <source>Cancelled.</source>
        <translation>취소되었습니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="343"/>
        <source>Request failed after {0} attempts: {1}</source>
        <translation>{0}회 시도 후 요청이 실패했습니다: {1}</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="302"/>
        <source>The service redirects in a loop (more than 5 redirects). Check the endpoint.</source>
        <translation>서비스가 반복해서 리디렉션합니다(5회 초과). 엔드포인트를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="300"/>
        <source>no complete answer within {0:.0f} s (timeout)</source>
        <translation>{0:.0f}초 안에 완전한 응답이 없음(시간 초과)</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="305"/>
        <source>no answer within {0:.0f} s (timeout)</source>
        <translation>{0:.0f}초 안에 응답이 없습니다(시간 초과)</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="307"/>
        <source>connection failed ({0})</source>
        <translation>연결 실패({0})</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="318"/>
        <source>HTTP {0} from the service</source>
        <translation>서비스가 HTTP {0}을(를) 반환했습니다</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="257"/>
        <source>the service's answer is larger than {0} MB; it is not a geocoding answer</source>
        <translation>서비스의 응답이 {0} MB보다 큽니다. 지오코딩 응답이 아닙니다</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="294"/>
        <source>The service redirects to {0}; an API key is not sent on to another address. Set the endpoint to the address it redirects to.</source>
        <translation>서비스가 {0}(으)로 리디렉션합니다. API 키는 다른 주소로 보내지 않습니다. 엔드포인트를 리디렉션되는 주소로 설정하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="314"/>
        <source>The service refused the request (HTTP {0}): the API key is missing, wrong or not allowed for this service. Check the authentication configuration.</source>
        <translation>서비스가 요청을 거부했습니다(HTTP {0}): API 키가 없거나 틀렸거나 이 서비스에 허용되지 않았습니다. 인증 설정을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="335"/>
        <source>the service answered with malformed JSON</source>
        <translation>서비스가 잘못된 JSON으로 응답했습니다</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="329"/>
        <source>HTTP {0} from the service: {1}</source>
        <translation>서비스가 HTTP {0}을(를) 반환했습니다: {1}</translation>
    </message>
    <message>
        <location filename="../core/geocode/http.py" line="323"/>
        <source>The service's rate limit or quota is exceeded (HTTP 429) even after {0} retries. Finished rows are cached: run again later to resume.</source>
        <translation>서비스의 요청 속도 제한 또는 할당량을 {0}회 재시도 후에도 초과했습니다(HTTP 429). 끝난 행은 캐시에 있으니 나중에 다시 실행하면 이어서 진행합니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="208"/>
        <source>Rebuild it from its source with 'Build offline address index' (Processing: wealthmap:buildaddressindex) and run again.</source>
        <translation>'오프라인 주소 색인 만들기'(프로세싱: wealthmap:buildaddressindex)로 원본에서 다시 만든 뒤 다시 실행하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="206"/>
        <source>It is the gazetteer bundled with the plugin: reinstall WealthMap (Plugins &gt; Manage and Install Plugins) to restore it.</source>
        <translation>플러그인에 포함된 지명 사전입니다. WealthMap을 다시 설치(플러그인 &gt; 플러그인 관리 및 설치)하여 복구하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="213"/>
        <source>The address index {0} is damaged ({1}). {2}</source>
        <translation>주소 색인 {0}이(가) 손상되었습니다({1}). {2}</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="222"/>
        <source>{0} is not a WealthMap address index (no table {1}). Build one with 'Build offline address index'.</source>
        <translation>{0}은(는) WealthMap 주소 색인이 아닙니다({1} 테이블 없음). '오프라인 주소 색인 만들기'로 만드세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="226"/>
        <source>The address index {0} has format version {1}; this WealthMap reads version {2}. {3}</source>
        <translation>주소 색인 {0}의 형식 버전은 {1}입니다. 이 WealthMap은 버전 {2}를 읽습니다. {3}</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="257"/>
        <source>not an SQLite file</source>
        <translation>SQLite 파일이 아님</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="69"/>
        <source>The folder {0} for the address index does not exist.</source>
        <translation>주소 색인을 저장할 폴더 {0}이(가) 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="71"/>
        <source>Cannot write the address index {0}: it is a folder. Give a file name such as addresses.sqlite.</source>
        <translation>주소 색인 {0}을(를) 쓸 수 없습니다: 폴더입니다. addresses.sqlite 같은 파일 이름을 지정하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="244"/>
        <source>The address index {0} does not exist. Build one with 'Build address index' first.</source>
        <translation>주소 색인 {0}이(가) 없습니다. 먼저 '주소 색인 만들기'로 만드세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="256"/>
        <location filename="../core/geocode/index.py" line="275"/>
        <source>{0} is not a WealthMap address index ({1}). Rebuild it with 'Build address index'.</source>
        <translation>{0}은(는) WealthMap 주소 색인이 아닙니다({1}). '주소 색인 만들기'로 다시 만드세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="80"/>
        <source>Cannot write the address index {0} ({1}). Choose a writable folder.</source>
        <translation>주소 색인 {0}을(를) 쓸 수 없습니다({1}). 쓸 수 있는 폴더를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="252"/>
        <source>The address index {0} cannot be read ({1}). Check its permissions.</source>
        <translation>주소 색인 {0}을(를) 읽을 수 없습니다({1}). 권한을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/index.py" line="374"/>
        <source>the address index {0} could not be read ({1}): it looks damaged. {2}</source>
        <translation>주소 색인 {0}을(를) 읽을 수 없습니다({1}). 손상된 것으로 보입니다. {2}</translation>
    </message>
    <message>
        <location filename="../core/geocode/parse.py" line="401"/>
        <location filename="../core/geocode/style.py" line="16"/>
        <source>street</source>
        <translation>도로</translation>
    </message>
    <message>
        <location filename="../core/geocode/parse.py" line="401"/>
        <source>number</source>
        <translation>번호</translation>
    </message>
    <message>
        <location filename="../core/geocode/parse.py" line="402"/>
        <location filename="../core/geocode/style.py" line="18"/>
        <source>postcode</source>
        <translation>우편번호</translation>
    </message>
    <message>
        <location filename="../core/geocode/parse.py" line="402"/>
        <source>locality</source>
        <translation>지역</translation>
    </message>
    <message>
        <location filename="../core/geocode/parse.py" line="403"/>
        <source>country</source>
        <translation>국가</translation>
    </message>
    <message>
        <location filename="../core/geocode/parse.py" line="419"/>
        <source>set aside</source>
        <translation>제외</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="30"/>
        <source>Offline index (no network)</source>
        <translation>오프라인 색인(네트워크 없음)</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="31"/>
        <source>Nominatim (OpenStreetMap)</source>
        <translation>Nominatim(OpenStreetMap)</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="32"/>
        <source>Photon (komoot)</source>
        <translation>Photon(komoot)</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="33"/>
        <source>Pelias</source>
        <translation>Pelias</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="34"/>
        <source>Google Geocoding API</source>
        <translation>Google 지오코딩 API</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="35"/>
        <source>Kakao Local (Korea)</source>
        <translation>카카오 로컬(한국)</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="36"/>
        <source>VWorld (Korea)</source>
        <translation>VWorld(한국)</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="220"/>
        <source>the service's answer does not have the documented format</source>
        <translation>서비스 응답이 문서화된 형식이 아닙니다</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="118"/>
        <source>No offline address index: give an index file or keep the bundled gazetteer.</source>
        <translation>오프라인 주소 색인이 없습니다: 색인 파일을 지정하거나 내장 지명 사전을 사용하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="216"/>
        <source>an item of the service's answer has no point coordinates</source>
        <translation>서비스 응답의 항목에 지점 좌표가 없습니다</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="235"/>
        <source>The public Nominatim server allows one request per second: {0} new addresses take about {1:.0f} minutes. For larger tables use the offline index or your own server.</source>
        <translation>공개 Nominatim 서버는 초당 1건만 허용합니다: 새 주소 {0}건에 약 {1:.0f}분이 걸립니다. 더 큰 표는 오프라인 색인이나 자체 서버를 사용하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="444"/>
        <source>the service's answer has no point coordinates</source>
        <translation>서비스 응답에 지점 좌표가 없습니다</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="465"/>
        <source>Unknown geocoding provider '{0}'. Choose one of: {1}.</source>
        <translation>알 수 없는 지오코딩 제공자 '{0}'. 다음 중에서 선택하세요: {1}.</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="147"/>
        <source>The endpoint '{0}' is not an http(s) URL. Example: https://nominatim.example.org</source>
        <translation>엔드포인트 '{0}'은(는) http(s) URL이 아닙니다. 예: https://nominatim.example.org</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="199"/>
        <source>an item of the service's answer is not a record</source>
        <translation>서비스 응답의 항목이 레코드 형식이 아닙니다</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="230"/>
        <source>{0} new addresses for the public Nominatim server: its usage policy forbids bulk geocoding (at most 1 request per second, no heavy use). Geocode at most {1} at a time, use the offline index, or run your own Nominatim (scripts/setup_service_nominatim.sh).</source>
        <translation>공개 Nominatim 서버에 새 주소 {0}건: 사용 정책상 대량 지오코딩은 금지되어 있습니다(초당 최대 1건, 과도한 사용 금지). 한 번에 최대 {1}건만 하거나, 오프라인 색인을 쓰거나, 자체 Nominatim을 운영하세요(scripts/setup_service_nominatim.sh).</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="356"/>
        <source>Google refused the request: {0}. Check the API key.</source>
        <translation>Google이 요청을 거부했습니다: {0}. API 키를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="359"/>
        <source>Google's quota is exceeded ({0}). Finished rows are cached: run again later.</source>
        <translation>Google 할당량을 초과했습니다({0}). 끝난 행은 캐시에 있으니 나중에 다시 실행하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="362"/>
        <source>Google answered {0}</source>
        <translation>Google 응답: {0}</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="154"/>
        <source>{0} needs an API key: store it in QGIS's authentication database (Settings &gt; Options &gt; Authentication, method Basic, key as password) and choose that configuration.</source>
        <translation>{0}에는 API 키가 필요합니다: QGIS 인증 데이터베이스(설정 &gt; 옵션 &gt; 인증, 방식 Basic, 키를 비밀번호로)에 저장하고 그 설정을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="160"/>
        <source>{0} sends an API key: use an https:// endpoint (got {1}).</source>
        <translation>{0}은(는) API 키를 보냅니다: https:// 엔드포인트를 사용하세요(입력값 {1}).</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="440"/>
        <source>VWorld error {0}: {1}</source>
        <translation>VWorld 오류 {0}: {1}</translation>
    </message>
    <message>
        <location filename="../core/geocode/providers.py" line="438"/>
        <source>VWorld refused the request: {0} ({1}).</source>
        <translation>VWorld가 요청을 거부했습니다: {0}({1}).</translation>
    </message>
    <message>
        <location filename="../core/geocode/sources.py" line="176"/>
        <source>Choose at least one address field to index.</source>
        <translation>색인할 주소 필드를 하나 이상 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/sources.py" line="60"/>
        <source>The OSM file {0} does not exist. Check the path.</source>
        <translation>OSM 파일 {0}이(가) 없습니다. 경로를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/sources.py" line="65"/>
        <source>GDAL could not read {0} as OpenStreetMap data (.osm.pbf or .osm).</source>
        <translation>GDAL이 {0}을(를) OpenStreetMap 데이터(.osm.pbf 또는 .osm)로 읽지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../core/geocode/sources.py" line="92"/>
        <source>The OSM file {0} is damaged or incomplete (GDAL: {1}); {2} features were read before the error. Nothing was written: download the file again (a cut download gives this) and rebuild the index.</source>
        <translation>OSM 파일 {0}이(가) 손상되었거나 불완전합니다(GDAL: {1}). 오류 전까지 객체 {2}개를 읽었습니다. 아무것도 쓰지 않았습니다. 파일을 다시 내려받고(내려받기가 중간에 끊기면 이렇게 됩니다) 색인을 다시 만드십시오.</translation>
    </message>
    <message>
        <location filename="../core/geocode/sources.py" line="172"/>
        <source>The layer {0} has no field(s) {1}. Available fields: {2}.</source>
        <translation>레이어 {0}에 필드 {1}이(가) 없습니다. 사용 가능한 필드: {2}.</translation>
    </message>
    <message>
        <location filename="../core/geocode/sources.py" line="180"/>
        <source>The table {0} has no geometry: choose its longitude (x) and latitude (y) fields.</source>
        <translation>표 {0}에 도형이 없습니다: 경도(x)와 위도(y) 필드를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="12"/>
        <source>Matched</source>
        <translation>일치</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="12"/>
        <location filename="../ui/geocode_dock.py" line="55"/>
        <source>Ambiguous</source>
        <translation>모호함</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="12"/>
        <location filename="../ui/geocode_dock.py" line="55"/>
        <source>Not found</source>
        <translation>찾지 못함</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="13"/>
        <source>Empty address</source>
        <translation>빈 주소</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="13"/>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="16"/>
        <source>house number</source>
        <translation>건물번호</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="16"/>
        <source>address</source>
        <translation>주소</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="17"/>
        <source>place</source>
        <translation>지명</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="17"/>
        <source>point of interest</source>
        <translation>관심 지점</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="17"/>
        <source>city</source>
        <translation>도시</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="18"/>
        <source>interpolated</source>
        <translation>보간</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="19"/>
        <source>road-name address</source>
        <translation>도로명 주소</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="19"/>
        <source>parcel address</source>
        <translation>지번 주소</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="20"/>
        <source>road</source>
        <translation>도로</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="20"/>
        <source>region</source>
        <translation>지역</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="20"/>
        <source>chosen by hand</source>
        <translation>직접 선택</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="55"/>
        <source>Geocoded points by status</source>
        <translation>상태별 지오코딩 점</translation>
    </message>
    <message>
        <location filename="../core/geocode/style.py" line="62"/>
        <source>{0} geocoded</source>
        <translation>{0} 지오코딩 결과</translation>
    </message>
    <message>
        <location filename="../core/installer.py" line="239"/>
        <source>pip is not installed for QGIS's Python: on Debian/Ubuntu run `apt install python3-pip` (as root), then try again.</source>
        <translation>QGIS의 파이썬에 pip가 설치되어 있지 않습니다. Debian/Ubuntu에서는 (root로) `apt install python3-pip`를 실행한 뒤 다시 시도하십시오.</translation>
    </message>
    <message>
        <location filename="../core/installer.py" line="250"/>
        <source>Installing the packages failed. {0}
{1}</source>
        <translation>패키지 설치에 실패했습니다. {0}
{1}</translation>
    </message>
    <message>
        <location filename="../core/installer.py" line="136"/>
        <source>The Python interpreter that QGIS uses (Python {0}) was not found (looked at: {1}). Install the packages from a terminal instead: {2}</source>
        <translation>QGIS가 사용하는 파이썬 인터프리터(Python {0})를 찾지 못했습니다(확인한 경로: {1}). 대신 터미널에서 패키지를 설치하십시오: {2}</translation>
    </message>
    <message>
        <location filename="../core/installer.py" line="246"/>
        <source>The profile folder is not writable: check its permissions.</source>
        <translation>프로필 폴더에 쓸 수 없습니다. 권한을 확인하십시오.</translation>
    </message>
    <message>
        <location filename="../core/installer.py" line="248"/>
        <source>See the log for pip's message.</source>
        <translation>pip의 메시지는 로그를 확인하십시오.</translation>
    </message>
    <message>
        <location filename="../core/installer.py" line="279"/>
        <source>Installing {0} into {1}</source>
        <translation>{0}을(를) {1}에 설치하는 중</translation>
    </message>
    <message>
        <location filename="../core/installer.py" line="163"/>
        <source>WealthMap cannot install {0}: it installs only {1}.</source>
        <translation>WealthMap은 {0}을(를) 설치할 수 없습니다. 설치할 수 있는 것은 {1}뿐입니다.</translation>
    </message>
    <message>
        <location filename="../core/installer.py" line="242"/>
        <source>No suitable package was found: with a folder of wheels, check that it holds wheels for this Python ({0}); without one, check the internet connection or QGIS's proxy settings.</source>
        <translation>알맞은 패키지를 찾지 못했습니다. 휠 폴더를 사용한다면 이 파이썬({0})용 휠이 들어 있는지 확인하고, 그렇지 않다면 인터넷 연결이나 QGIS의 프록시 설정을 확인하십시오.</translation>
    </message>
    <message>
        <location filename="../core/installer.py" line="261"/>
        <source>The folder of wheels {0} does not exist: choose the folder that holds the .whl files.</source>
        <translation>휠 폴더 {0}이(가) 없습니다. .whl 파일이 들어 있는 폴더를 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../core/installer.py" line="213"/>
        <source>Could not start pip ({0}): {1}</source>
        <translation>pip를 시작할 수 없습니다({0}): {1}</translation>
    </message>
    <message>
        <location filename="../core/installer.py" line="274"/>
        <source>Cannot create the packages folder {0}: {1}</source>
        <translation>패키지 폴더 {0}을(를) 만들 수 없습니다: {1}</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="53"/>
        <source>output</source>
        <translation>출력 파일</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="54"/>
        <source>input</source>
        <translation>입력 파일</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="535"/>
        <location filename="../core/thematic/api.py" line="349"/>
        <location filename="../core/thematic/api.py" line="398"/>
        <location filename="../core/thematic/api.py" line="438"/>
        <source>style file</source>
        <translation>스타일 파일</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="190"/>
        <source>Cannot write the {0} '{1}': the folder '{2}' is read-only for you{3}. Choose a folder you can write to (e.g. in your Documents), or ask for write permission on it.</source>
        <translation>{0} '{1}'을(를) 쓸 수 없습니다: 폴더 '{2}'에 쓰기 권한이 없습니다{3}. 쓸 수 있는 폴더(예: 문서 폴더)를 고르거나 그 폴더의 쓰기 권한을 요청하세요.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="202"/>
        <source>Cannot write the {0} '{1}' ({2}). Choose a folder you can write to; the previous file is unchanged.</source>
        <translation>{0} '{1}'을(를) 쓸 수 없습니다({2}). 쓸 수 있는 폴더를 고르세요. 이전 파일은 그대로입니다.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="537"/>
        <source>styled layer</source>
        <translation>스타일을 적용할 레이어</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="176"/>
        <location filename="../core/outputs.py" line="424"/>
        <source>Cannot write the {0} '{1}': the folder '{2}' does not exist. Choose a folder you can write to, or create it.</source>
        <translation>{0} '{1}'을(를) 쓸 수 없습니다: 폴더 '{2}'이(가) 없습니다. 쓸 수 있는 폴더를 고르거나 폴더를 만드세요.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="179"/>
        <source>Cannot write the {0} '{1}': it is a folder. Give a file name.</source>
        <translation>{0} '{1}'을(를) 쓸 수 없습니다: 폴더입니다. 파일 이름을 주세요.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="181"/>
        <source>Cannot write the {0} '{1}': the file is read-only. Choose another file name, or make it writable first.</source>
        <translation>{0} '{1}'을(를) 쓸 수 없습니다: 읽기 전용 파일입니다. 다른 파일 이름을 고르거나 먼저 쓰기 가능하게 바꾸세요.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="200"/>
        <source>Cannot write the {0} '{1}': the disk is full. Free some space or choose another folder; the previous file is unchanged.</source>
        <translation>{0} '{1}'을(를) 쓸 수 없습니다: 디스크가 가득 찼습니다. 공간을 비우거나 다른 폴더를 고르세요. 이전 파일은 그대로입니다.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="541"/>
        <source>Could not write the style file {0}: {1}</source>
        <translation>스타일 파일 {0}을(를) 쓸 수 없습니다: {1}</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="544"/>
        <source>Could not write the style file {0}: the style is empty.</source>
        <translation>스타일 파일 {0}을(를) 쓸 수 없습니다: 스타일이 비어 있습니다.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="553"/>
        <source>The style file {0} was written but cannot be read back. Choose another folder.</source>
        <translation>스타일 파일 {0}을(를) 썼지만 다시 읽을 수 없습니다. 다른 폴더를 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="605"/>
        <source>The {0} '{1}' exists and is not a GeoPackage; writing would replace it. Choose a new file name.</source>
        <translation>{0} '{1}'이(가) 이미 있고 GeoPackage가 아닙니다. 쓰면 그 파일이 바뀝니다. 새 파일 이름을 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="615"/>
        <source>The {0} '{1}' already holds other layers ({2}), and writing replaces the whole file. Choose a new file name, or move those layers elsewhere first.</source>
        <translation>{0} '{1}'에는 이미 다른 레이어({2})가 있고, 쓰면 파일 전체가 바뀝니다. 새 파일 이름을 고르거나 그 레이어들을 먼저 다른 곳으로 옮기세요.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="378"/>
        <source>The {0} '{1}' was not written (no file came out). The previous file is unchanged.</source>
        <translation>{0} '{1}'이(가) 써지지 않았습니다(만들어진 파일이 없습니다). 이전 파일은 그대로입니다.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="610"/>
        <source>The {0} '{1}' exists and cannot be read as a GeoPackage ({2}); writing would replace it. Choose a new file name.</source>
        <translation>{0} '{1}'이(가) 이미 있지만 GeoPackage로 읽을 수 없습니다({2}). 쓰면 그 파일이 바뀝니다. 새 파일 이름을 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="157"/>
        <source>The {0} '{1}' holds the {2} ('{3}'): writing it would destroy that file. Choose another folder for the {0}.</source>
        <translation>{0} '{1}' 안에 {2}('{3}')이(가) 있습니다: 쓰면 그 파일이 사라집니다. {0}에 다른 폴더를 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="162"/>
        <source>The {0} and the {1} are the same file ('{2}'): one would overwrite the other. Give them different file names.</source>
        <translation>{0}와(과) {1}이(가) 같은 파일('{2}')입니다: 하나가 다른 하나를 덮어씁니다. 서로 다른 파일 이름을 주세요.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="383"/>
        <source>Could not replace the {0} '{1}' ({2}). Close it in other programs (or remove the layer from the project) and run again; the previous file is unchanged.</source>
        <translation>{0} '{1}'을(를) 바꿀 수 없습니다({2}). 다른 프로그램에서 닫거나 프로젝트에서 레이어를 제거한 뒤 다시 실행하세요. 이전 파일은 그대로입니다.</translation>
    </message>
    <message>
        <location filename="../core/outputs.py" line="154"/>
        <source>The {0} '{1}' is also the {2} ('{3}'): writing it would destroy that file. Choose another file name (or folder) for the {0}.</source>
        <translation>{0} '{1}'은(는) {2}('{3}')이기도 합니다: 쓰면 그 파일이 망가집니다. {0}에 다른 파일 이름(또는 폴더)을 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/api.py" line="57"/>
        <source>STAC footprints</source>
        <translation>STAC 경계</translation>
    </message>
    <message>
        <location filename="../core/stac/api.py" line="95"/>
        <source>The survey has no points with coordinates.</source>
        <translation>조사 자료에 좌표가 있는 지점이 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/stac/composite.py" line="123"/>
        <source>The composite's grid needs a projected CRS in metres (e.g. a UTM zone).</source>
        <translation>합성 영상의 격자에는 미터 단위 투영 좌표계(예: UTM 구역)가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../core/stac/composite.py" line="423"/>
        <source>No region given for the composite: draw or choose a region.</source>
        <translation>합성할 영역이 없습니다. 영역을 그리거나 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/composite.py" line="445"/>
        <source>{0}/{1} {2}, {3} requests, {4:.1f} MB read, about {5:.0f} s left</source>
        <translation>{0}/{1} {2}, 요청 {3}회, {4:.1f} MB 읽음, 약 {5:.0f}초 남음</translation>
    </message>
    <message>
        <location filename="../core/stac/composite.py" line="458"/>
        <location filename="../ui/stac_widget.py" line="184"/>
        <source>Sentinel-2 composite</source>
        <translation>Sentinel-2 합성 영상</translation>
    </message>
    <message>
        <location filename="../core/stac/composite.py" line="490"/>
        <source>Prediction from a STAC catalogue needs a region: draw or choose one.</source>
        <translation>STAC 카탈로그로 예측하려면 영역이 필요합니다. 영역을 그리거나 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/composite.py" line="351"/>
        <source>No STAC query and no items given for the composite.</source>
        <translation>합성에 쓸 STAC 질의도 항목도 주어지지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../core/stac/composite.py" line="392"/>
        <source>windows</source>
        <translation>창</translation>
    </message>
    <message>
        <location filename="../core/stac/composite.py" line="52"/>
        <source>Unknown SCL mask '{0}': choose among {1}.</source>
        <translation>알 수 없는 SCL 마스크 '{0}': {1} 중에서 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/composite.py" line="341"/>
        <source>Unknown composite method '{0}': choose median or best.</source>
        <translation>알 수 없는 합성 방법 '{0}': median 또는 best를 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/composite.py" line="436"/>
        <source>The region {0} is not (xmin, ymin, xmax, ymax).</source>
        <translation>영역 {0}이(가) (xmin, ymin, xmax, ymax) 형식이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../core/stac/composite.py" line="460"/>
        <source>The composite '{0}' cannot be loaded.</source>
        <translation>합성 영상 '{0}'을(를) 불러올 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/stac/items.py" line="32"/>
        <source>A STAC item has no valid datetime ('{0}').</source>
        <translation>STAC 항목에 올바른 datetime이 없습니다 ('{0}').</translation>
    </message>
    <message>
        <location filename="../core/stac/items.py" line="102"/>
        <source>The STAC item '{0}' has no asset for {1} (asset keys: {2}). Choose a Sentinel-2 L2A collection of COGs (e.g. Earth Search's sentinel-2-l2a).</source>
        <translation>STAC 항목 '{0}'에 {1}의 에셋이 없습니다 (에셋 키: {2}). COG로 된 Sentinel-2 L2A 컬렉션(예: Earth Search의 sentinel-2-l2a)을 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/points.py" line="64"/>
        <source>The survey has no points.</source>
        <translation>조사 자료에 지점이 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/stac/points.py" line="83"/>
        <source>No STAC query and no items given for the survey points.</source>
        <translation>조사 지점에 쓸 STAC 질의도 항목도 주어지지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../core/stac/points.py" line="59"/>
        <source>Unknown imagery mode '{0}': choose composite or best.</source>
        <translation>알 수 없는 영상 방식 '{0}': composite 또는 best를 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/points.py" line="135"/>
        <source>point windows</source>
        <translation>지점 창</translation>
    </message>
    <message>
        <location filename="../core/stac/points.py" line="173"/>
        <source>The point windows of zone EPSG:{0} cannot be mosaicked.</source>
        <translation>EPSG:{0} 구역의 지점 창을 모자이크할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/stac/points.py" line="200"/>
        <source>No survey point got clear imagery from the STAC catalogue ({0}). Widen the date range, allow more cloud or check the catalogue.</source>
        <translation>STAC 카탈로그에서 맑은 영상을 얻은 조사 지점이 없습니다 ({0}). 기간을 넓히거나, 운량을 더 허용하거나, 카탈로그를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/read.py" line="242"/>
        <source>the server failed (HTTP 5xx) while the file's header was read</source>
        <translation>파일 머리글을 읽는 중 서버가 실패했습니다 (HTTP 5xx)</translation>
    </message>
    <message>
        <location filename="../core/stac/read.py" line="244"/>
        <source>access denied (HTTP 401/403): the URL needs signing or credentials</source>
        <translation>접근 거부 (HTTP 401/403): URL에 서명이나 자격 증명이 필요합니다</translation>
    </message>
    <message>
        <location filename="../core/stac/read.py" line="253"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../core/stac/read.py" line="246"/>
        <source>the asset does not exist (HTTP 404)</source>
        <translation>에셋이 없습니다 (HTTP 404)</translation>
    </message>
    <message>
        <location filename="../core/stac/read.py" line="62"/>
        <source>The authentication configuration '{0}' cannot be applied. Check it in Settings &gt; Options &gt; Authentication.</source>
        <translation>인증 구성 '{0}'을(를) 적용할 수 없습니다. 설정 &gt; 옵션 &gt; 인증에서 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/read.py" line="177"/>
        <source>The STAC item '{0}' has no proj:epsg / proj:transform / proj:shape: the plugin needs them to read windows. Choose a catalogue whose items have the projection extension.</source>
        <translation>STAC 항목 '{0}'에 proj:epsg / proj:transform / proj:shape가 없습니다. 창을 읽으려면 필요합니다. 항목에 projection 확장이 있는 카탈로그를 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/read.py" line="248"/>
        <source>the server stalled (timeout)</source>
        <translation>서버가 멈췄습니다 (시간 초과)</translation>
    </message>
    <message>
        <location filename="../core/stac/read.py" line="42"/>
        <source>The asset '{0}' is on S3 and needs credentials; this catalogue gives no https link for it. Use Earth Search or Planetary Computer.</source>
        <translation>에셋 '{0}'은(는) S3에 있어 자격 증명이 필요하고, 이 카탈로그는 https 링크를 주지 않습니다. Earth Search나 Planetary Computer를 쓰세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/read.py" line="252"/>
        <source>read error</source>
        <translation>읽기 오류</translation>
    </message>
    <message>
        <location filename="../core/stac/read.py" line="250"/>
        <source>the file is damaged or truncated ({0})</source>
        <translation>파일이 손상되었거나 잘렸습니다 ({0})</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="137"/>
        <source>The STAC catalogue</source>
        <translation>STAC 카탈로그</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="264"/>
        <source>The signing token endpoint</source>
        <translation>서명 토큰 엔드포인트</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="158"/>
        <source>{0} at {1} cannot be reached ({2}). Check the URL and your network or proxy settings (Settings &gt; Options &gt; Network).</source>
        <translation>{1}의 {0}에 연결할 수 없습니다 ({2}). URL과 네트워크 또는 프록시 설정(설정 &gt; 옵션 &gt; 네트워크)을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="162"/>
        <source>{0} at {1} gave an empty answer (HTTP {2}; a timeout gives this too). Try again or raise the network timeout (Settings &gt; Options &gt; Network).</source>
        <translation>{1}의 {0}이(가) 빈 응답을 주었습니다 (HTTP {2}; 시간 초과도 이렇게 보입니다). 다시 시도하거나 네트워크 시간 제한을 늘리세요 (설정 &gt; 옵션 &gt; 네트워크).</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="219"/>
        <source>No Sentinel-2 item of '{0}' at {1} matches the search ({2} found before the cloud and season filters): dates {3}, cloud cover &lt;= {4}%, months {5}. Widen the date range or the season, or allow more cloud.</source>
        <translation>{1}의 '{0}'에서 검색에 맞는 Sentinel-2 항목이 없습니다 (운량·계절 필터 전 {2}개): 기간 {3}, 운량 &lt;= {4}%, 월 {5}. 기간이나 계절을 넓히거나 운량을 더 허용하세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="222"/>
        <source>any</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="223"/>
        <source>all</source>
        <translation>모두</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="57"/>
        <source>The STAC catalogue '{0}' is neither one of {1} nor an http(s) URL.</source>
        <translation>STAC 카탈로그 '{0}'은(는) {1} 중 하나도 아니고 http(s) URL도 아닙니다.</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="66"/>
        <source>Season months must be between 1 and 12 (got {0}).</source>
        <translation>계절의 월은 1에서 12 사이여야 합니다 (입력: {0}).</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="156"/>
        <source>{0} at {1} answered HTTP {2}: {3}. Check the URL, the collection and the search parameters.</source>
        <translation>{1}의 {0}이(가) HTTP {2}로 응답했습니다: {3}. URL, 컬렉션, 검색 조건을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="168"/>
        <source>{0} at {1} did not answer JSON: {2}</source>
        <translation>{1}의 {0}이(가) JSON으로 응답하지 않았습니다: {2}</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="267"/>
        <source>The signing token endpoint {0} gave no token.</source>
        <translation>서명 토큰 엔드포인트 {0}이(가) 토큰을 주지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="89"/>
        <source>Unknown STAC query key(s) {0}: use {1}.</source>
        <translation>알 수 없는 STAC 질의 키 {0}: {1}을(를) 쓰세요.</translation>
    </message>
    <message>
        <location filename="../core/stac/search.py" line="114"/>
        <source>The date range '{0}' is not of the form 2023-06-01/2023-08-31.</source>
        <translation>기간 '{0}'이(가) 2023-06-01/2023-08-31 형식이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="33"/>
        <source>comma</source>
        <translation>쉼표</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="33"/>
        <source>semicolon</source>
        <translation>세미콜론</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="33"/>
        <source>tab</source>
        <translation>탭</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="33"/>
        <source>pipe</source>
        <translation>세로 막대</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="231"/>
        <source>The table {0} has {1} values on {2} but its header has {3} columns, so a value would be lost (row: {4}). A value that contains the {5} must be in quotes; or add the missing column names to the header.</source>
        <translation>표 {0}의 {2}에 값이 {1}개 있지만 머리글의 열은 {3}개이므로 값이 사라집니다(행: {4}). {5}가 들어 있는 값은 따옴표로 묶거나, 빠진 열 이름을 머리글에 추가하세요.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="237"/>
        <source>Lines {1}-{2} of {0} were read as one row of {3} values (the header has {4} columns): a quote (") opened on line {1} runs over the next lines. Check the quotes on line {1} (a quote inside a value is written twice, "") and try again.</source>
        <translation>{0}의 {1}-{2}번째 줄이 값 {3}개의 한 행으로 읽혔습니다(머리글의 열은 {4}개). {1}번째 줄에서 열린 따옴표(")가 다음 줄까지 이어집니다. {1}번째 줄의 따옴표를 확인하고(값 안의 따옴표는 ""처럼 두 번 씁니다) 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="244"/>
        <source>Line {1} of {0} holds one value ('{2}') where the header has {3} columns separated by {4}: a quote that is not closed where it should be (on this line or above), or a line written with another delimiter. Fix the line (or add the missing delimiters for empty values) and try again.</source>
        <translation>{0}의 {1}번째 줄에는 값이 하나('{2}')뿐인데 머리글에는 {4}로 구분된 열이 {3}개 있습니다. 이 줄이나 위쪽 줄에 제자리에서 닫히지 않은 따옴표가 있거나, 다른 구분자로 쓴 줄입니다. 줄을 고치고(빈 값에는 빠진 구분자를 추가) 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="495"/>
        <source>The layer '{0}' shows garbled text ({1}): it was opened with the wrong encoding, so its addresses would not be found. Remove it and open its file with WealthMap (Open table, or give the file path), which detects the encoding; or set the right one in Layer Properties &gt; Source &gt; Data source encoding (Korean files are often CP949, European ones Windows-1252).</source>
        <translation>레이어 '{0}'의 글자가 깨져 있습니다({1}). 잘못된 인코딩으로 열렸기 때문에 주소를 찾을 수 없습니다. 레이어를 제거하고 WealthMap으로 파일을 여세요(표 열기 또는 파일 경로 지정, 인코딩 자동 감지). 또는 레이어 속성 &gt; 소스 &gt; 데이터 소스 인코딩에서 올바른 인코딩을 지정하세요(한국어 파일은 보통 CP949, 유럽 파일은 Windows-1252).</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="154"/>
        <source>somewhere</source>
        <translation>어딘가</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="230"/>
        <source>line {0}</source>
        <translation>{0}번째 줄</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="230"/>
        <source>lines {0}-{1}</source>
        <translation>{0}-{1}번째 줄</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="492"/>
        <source>The text of {0} is garbled in the file itself ({1}, read as {2}): it was saved from text read with the wrong encoding, so its addresses would not be found. Export it again from its source (as UTF-8) and try again.</source>
        <translation>{0}의 글자가 파일 자체에서 깨져 있습니다({1}, {2}(으)로 읽음). 잘못된 인코딩으로 읽은 글자를 그대로 저장한 파일이므로 주소를 찾을 수 없습니다. 원본에서 다시 내보낸 뒤(UTF-8로) 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="137"/>
        <location filename="../core/tables.py" line="87"/>
        <location filename="../core/thematic/join.py" line="183"/>
        <source>The table file {0} does not exist. Check the path.</source>
        <translation>표 파일 {0}이(가) 없습니다. 경로를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="139"/>
        <location filename="../core/tables.py" line="89"/>
        <source>The table file {0} is empty (0 bytes).</source>
        <translation>표 파일 {0}이(가) 비어 있습니다 (0바이트).</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="213"/>
        <source>The table {0} is empty: it has no header row.</source>
        <translation>표 {0}이(가) 비어 있습니다: 머리글 행이 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="221"/>
        <source>{0} rows have fewer values than the header has columns (first: line {1}); their last columns are empty.</source>
        <translation>{0}개 행의 값이 머리글의 열 수보다 적습니다(첫 행: {1}번째 줄). 그 행의 마지막 열은 비어 있습니다.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="224"/>
        <source>The header is on line {0}; the lines above it are empty.</source>
        <translation>머리글은 {0}번째 줄에 있습니다. 그 위의 줄은 비어 있습니다.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="389"/>
        <source>Only {0} of the {1} rows of {2} could be stored in a layer.</source>
        <translation>{2}의 행 {1}개 중 {0}개만 레이어에 저장할 수 있었습니다.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="451"/>
        <source>QGIS read {0} rows from {1}; WealthMap reads {2} and uses them.</source>
        <translation>QGIS는 {1}에서 {0}개 행을 읽었습니다. WealthMap은 {2}개 행을 읽어 사용합니다.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="454"/>
        <source>The layer '{0}' was opened as {1}; its file is {2}, so it was read again as {2}.</source>
        <translation>레이어 '{0}'은(는) {1}(으)로 열렸지만 파일은 {2}이므로 {2}(으)로 다시 읽었습니다.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="532"/>
        <source>Only {0} of the {1} rows of '{2}' could be read. Check its data source (a file that is being written, or a broken file).</source>
        <translation>'{2}'의 행 {1}개 중 {0}개만 읽었습니다. 데이터 원본을 확인하세요(쓰는 중인 파일이거나 손상된 파일).</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="154"/>
        <source>line {0} ('{1}')</source>
        <translation>{0}번째 줄('{1}')</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="156"/>
        <source>The table {0} is not in the encoding {1}: {2} cannot be read with it. Leave the encoding empty to detect it, or give the file's encoding (e.g. utf-8, cp949, cp1252).</source>
        <translation>표 {0}은(는) {1} 인코딩이 아닙니다. {2}을(를) 이 인코딩으로 읽을 수 없습니다. 인코딩을 비워 두어 자동으로 감지하거나 파일의 인코딩(예: utf-8, cp949, cp1252)을 지정하세요.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="160"/>
        <location filename="../core/tables.py" line="38"/>
        <source>Unknown text encoding '{0}'. Leave it empty to detect it (UTF-8 with or without BOM, CP949/EUC-KR), or give one such as utf-8, cp949 or euc-kr.</source>
        <translation>알 수 없는 텍스트 인코딩 '{0}'입니다. 비워 두면 자동으로 감지하며(BOM 있거나 없는 UTF-8, CP949/EUC-KR), utf-8, cp949, euc-kr 같은 값을 줄 수도 있습니다.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="209"/>
        <source>Line {1} of {0} cannot be read ({2}): a value there opens a quote (") that is not closed where it should be, or has text after its closing quote. Put quotes only around whole values, write a quote inside a quoted value twice (""), and try again.</source>
        <translation>{0}의 {1}번째 줄을 읽을 수 없습니다({2}). 그 줄의 값이 따옴표(")를 열고 제자리에서 닫지 않았거나 닫는 따옴표 뒤에 글자가 있습니다. 따옴표는 값 전체를 묶을 때만 쓰고, 따옴표로 묶은 값 안의 따옴표는 두 번("") 쓴 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="345"/>
        <source>The table {0} has no column '{1}'. Its columns: {2}.</source>
        <translation>표 {0}에 '{1}' 열이 없습니다. 열: {2}.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="180"/>
        <source>Line {1} of {0} holds a NUL character: it is a binary file, or text in UTF-16 without a byte order mark. Save it as CSV (UTF-8) and try again.</source>
        <translation>{0}의 {1}번째 줄에 NUL 문자가 있습니다. 이진 파일이거나 BOM 없는 UTF-16 텍스트입니다. CSV(UTF-8)로 저장한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="483"/>
        <source>field name '{0}'</source>
        <translation>필드 이름 '{0}'</translation>
    </message>
    <message>
        <location filename="../core/tablereader.py" line="486"/>
        <source>row {0}: '{1}'</source>
        <translation>{0}번째 행: '{1}'</translation>
    </message>
    <message>
        <location filename="../core/tables.py" line="157"/>
        <source>The workbook has several sheets ({0}); {1} was read. Choose another with sheet='name' or '{2}|layername=name'.</source>
        <translation>통합 문서에 시트가 여러 개 있습니다({0}). {1} 시트를 읽었습니다. 다른 시트는 sheet='이름' 또는 '{2}|layername=이름'으로 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/tables.py" line="108"/>
        <source>The workbook {0} has no sheet '{1}'. Its sheets: {2}.</source>
        <translation>통합 문서 {0}에 '{1}' 시트가 없습니다. 시트: {2}.</translation>
    </message>
    <message>
        <location filename="../core/tables.py" line="116"/>
        <source>Could not read {0} as a table. Supported: CSV/TXT (UTF-8 or CP949/EUC-KR), XLSX/ODS, and any file QGIS opens as a vector layer.</source>
        <translation>{0}을(를) 표로 읽을 수 없습니다. 지원 형식: CSV/TXT (UTF-8 또는 CP949/EUC-KR), XLSX/ODS, QGIS가 벡터 레이어로 여는 모든 파일.</translation>
    </message>
    <message>
        <location filename="../core/tables.py" line="120"/>
        <location filename="../core/tables.py" line="97"/>
        <source>The table {0} has no columns. Check that its first row is a header.</source>
        <translation>표 {0}에 열이 없습니다. 첫 행이 머리글인지 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="123"/>
        <source>Cancelled by the user; the work done so far is kept.</source>
        <translation>사용자가 취소했습니다. 지금까지 처리한 결과는 보존됩니다.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="60"/>
        <source>Internal error: {0}. Details are in the WealthMap message log.</source>
        <translation>내부 오류: {0}. 자세한 내용은 WealthMap 메시지 로그에 있습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="81"/>
        <source>Pick a valid vector layer.</source>
        <translation>올바른 벡터 레이어를 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="214"/>
        <source>Use 1 for the value itself, 100 for %, 1000 for per 1,000.</source>
        <translation>값 그대로는 1, 백분율은 100, 천 명당은 1000을 쓰세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="218"/>
        <source>Normalise either by a field or by area, not both.</source>
        <translation>필드나 면적 중 하나로만 나누세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="400"/>
        <source>A bivariate map needs two different fields.</source>
        <translation>이변량 지도에는 서로 다른 두 필드가 필요합니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="411"/>
        <source>A bivariate map needs at least 3 distinct values in each field.</source>
        <translation>이변량 지도에는 각 필드에 서로 다른 값이 3개 이상 필요합니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="445"/>
        <source>'total': the size grows with the total; 'fixed': one size.</source>
        <translation>'total': 합계에 따라 크기가 커집니다. 'fixed': 한 가지 크기입니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="447"/>
        <source>It is the size of the largest chart in millimetres; 12 is usual.</source>
        <translation>가장 큰 차트의 크기(mm)이며, 보통 12입니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="449"/>
        <source>It is the size of every chart in millimetres; 8 is usual.</source>
        <translation>모든 차트의 크기(mm)이며, 보통 8입니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="257"/>
        <source>Give the upper bounds of the classes, e.g. 10, 50, 100.</source>
        <translation>계급의 상한을 주세요. 예: 10, 50, 100.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="294"/>
        <source>{0}, {1} classes</source>
        <translation>{0}, {1}개 등급</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="347"/>
        <location filename="../core/thematic/api.py" line="397"/>
        <location filename="../core/thematic/api.py" line="438"/>
        <location filename="../core/thematic/join.py" line="351"/>
        <source>input layer</source>
        <translation>입력 레이어</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="348"/>
        <location filename="../core/thematic/join.py" line="350"/>
        <location filename="../core/wealth/distributed/merge.py" line="42"/>
        <location filename="../core/wealth/distributed/run.py" line="158"/>
        <location filename="../core/wealth/predict.py" line="735"/>
        <location filename="../core/wealth/predict.py" line="350"/>
        <location filename="../core/wealth/predict.py" line="736"/>
        <source>output GeoPackage</source>
        <translation>출력 GeoPackage</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="398"/>
        <location filename="../core/thematic/api.py" line="528"/>
        <location filename="../core/thematic/style.py" line="242"/>
        <source>legend image</source>
        <translation>범례 이미지</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="529"/>
        <location filename="../core/thematic/export.py" line="243"/>
        <source>exported map</source>
        <translation>내보낼 지도 파일</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="83"/>
        <source>The layer '{0}' has no features.</source>
        <translation>레이어 '{0}'에 피처가 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="85"/>
        <source>The layer '{0}' is not a polygon layer; choropleth and chart maps need polygons.</source>
        <translation>레이어 '{0}'은(는) 폴리곤 레이어가 아닙니다. 단계구분도와 차트맵에는 폴리곤이 필요합니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="130"/>
        <source>'{0}' is not numeric: {1} values are text such as {2}. Pick a numeric field, or clean the table (numbers may use thousands separators).</source>
        <translation>'{0}'은(는) 숫자가 아닙니다: {2} 같은 텍스트 값이 {1}개 있습니다. 숫자 필드를 고르거나 표를 정리하세요(숫자에는 천 단위 구분 기호를 써도 됩니다).</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="144"/>
        <source>The layer '{0}' has no coordinate reference system, so areas cannot be measured. Set its CRS (Layer Properties &gt; Source).</source>
        <translation>레이어 '{0}'에 좌표계가 없어 면적을 잴 수 없습니다. 좌표계를 지정하세요(레이어 속성 &gt; 소스).</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="147"/>
        <source>The layer '{0}' is in a geographic CRS ({1}, degrees): planar areas would be in square degrees. Use ellipsoidal areas or reproject the layer to a projected CRS.</source>
        <translation>레이어 '{0}'은(는) 지리 좌표계({1}, 도 단위)입니다: 평면 면적은 제곱도 단위가 됩니다. 타원체 면적을 쓰거나 레이어를 투영 좌표계로 재투영하세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="176"/>
        <source>The layer already has a field '{0}'; choose another name for the rate field.</source>
        <translation>레이어에 이미 '{0}' 필드가 있습니다. 비율 필드에 다른 이름을 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="274"/>
        <source>The classes of {0} came out with infinite bounds ({1}); the values are too large for this method. Rescale the field or use the quantile method.</source>
        <translation>{0}의 계급 경계가 무한대로 나왔습니다({1}). 이 방법에는 값이 너무 큽니다. 필드의 단위를 바꾸거나 분위수 방법을 쓰세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="289"/>
        <source>{0} per {1}</source>
        <translation>{1}당 {0}</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="314"/>
        <source>{0}: {1} values are infinite or larger than {2:g} in magnitude (e.g. {3}); they cannot be classified. Rescale the field (divide it by a power of ten) or remove those values.</source>
        <translation>{0}: 값 {1}개가 무한대이거나 절댓값이 {2:g}보다 큽니다(예: {3}). 이 값들은 분류할 수 없습니다. 필드의 단위를 바꾸거나(10의 거듭제곱으로 나누기) 그 값들을 지우세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="407"/>
        <source>No feature has values in both '{0}' and '{1}'.</source>
        <translation>'{0}'과(와) '{1}' 둘 다에 값이 있는 피처가 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="421"/>
        <source>{0} and {1} (bivariate map, tertiles)</source>
        <translation>{0}와(과) {1} (이변량 지도, 삼분위)</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="463"/>
        <source>A proportional-symbol map shows one field; got {0}.</source>
        <translation>비례 기호 지도는 필드 하나를 보여 줍니다. 받은 필드 수: {0}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="465"/>
        <source>A chart map needs two or more fields; got {0}.</source>
        <translation>차트맵에는 필드가 둘 이상 필요합니다. 받은 필드 수: {0}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="475"/>
        <source>The field '{0}' has negative values; pies, bars and circles need values of zero or more.</source>
        <translation>필드 '{0}'에 음수 값이 있습니다. 파이, 막대, 원에는 0 이상의 값이 필요합니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="480"/>
        <source>Every value of {0} is zero or NULL; there is nothing to chart.</source>
        <translation>{0}의 모든 값이 0이거나 NULL이어서 차트로 그릴 것이 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="528"/>
        <source>map layer</source>
        <translation>지도 레이어</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="96"/>
        <source>The expression {0} is not valid: {1}</source>
        <translation>식 {0}이(가) 올바르지 않습니다: {1}</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="111"/>
        <source>The field '{0}' is not in the layer '{1}'. Its fields: {2}.</source>
        <translation>필드 '{0}'이(가) 레이어 '{1}'에 없습니다. 레이어의 필드: {2}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="232"/>
        <source>Cannot normalise by '{0}': it is zero or NULL for every feature, so no rate can be computed. Pick another field to divide by.</source>
        <translation>'{0}'(으)로 정규화할 수 없습니다. 모든 객체에서 0 또는 NULL이라 비율을 계산할 수 없습니다. 나눌 다른 필드를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="234"/>
        <source>area</source>
        <translation>면적</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="267"/>
        <source>Only {0} distinct values for {1} classes. Use at most {0} classes.</source>
        <translation>서로 다른 값이 {0}개뿐인데 등급이 {1}개입니다. 등급을 {0}개 이하로 하세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="457"/>
        <source>chart_map: give one label per field: {0} fields, {1} labels.</source>
        <translation>chart_map: 필드마다 레이블을 하나씩 주세요. 필드 {0}개, 레이블 {1}개입니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="485"/>
        <source>Give one colour per field: {0} fields, {1} colours.</source>
        <translation>필드마다 색을 하나씩 주세요: 필드 {0}개, 색 {1}개.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="515"/>
        <source>export_map: the parameter 'layers' must list map layers; got {0!r}.</source>
        <translation>export_map: 매개변수 'layers'에는 지도 레이어 목록을 주어야 합니다. 받은 값: {0!r}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="104"/>
        <source>The expression {0} fails on feature {1}: {2}</source>
        <translation>식 {0}이(가) 피처 {1}에서 실패합니다: {2}</translation>
    </message>
    <message>
        <location filename="../core/thematic/api.py" line="272"/>
        <source>field {0}</source>
        <translation>필드 {0}</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="37"/>
        <source>Equal interval</source>
        <translation>등간격</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="38"/>
        <source>Quantile (equal count)</source>
        <translation>분위수 (같은 개수)</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="39"/>
        <source>Natural breaks (Fisher-Jenks)</source>
        <translation>자연 구분 (Fisher-Jenks)</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="40"/>
        <source>Standard deviation</source>
        <translation>표준편차</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="41"/>
        <source>Pretty breaks</source>
        <translation>보기 좋은 구간</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="42"/>
        <source>Manual breaks</source>
        <translation>수동 구간</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="43"/>
        <source>Box map (hinge 1.5)</source>
        <translation>상자 지도 (힌지 1.5)</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="44"/>
        <source>Percentile map</source>
        <translation>백분위 지도</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="45"/>
        <source>Logarithmic (equal intervals of log10)</source>
        <translation>로그 (log10 등간격)</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="46"/>
        <source>Head/tail breaks (heavy-tailed data)</source>
        <translation>헤드/테일 구분 (꼬리가 긴 분포)</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="212"/>
        <source>Manual classification needs breaks, e.g. 10, 50, 100 (upper bounds of the classes, in increasing order).</source>
        <translation>수동 분류에는 구간이 필요합니다. 예: 10, 50, 100 (등급 상한, 증가하는 순서).</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="138"/>
        <source>Unknown classification method '{0}'. Use one of: {1} (or the QGIS/mapclassify names such as equal_interval, natural_breaks, quantiles, std_mean, HeadTailBreaks).</source>
        <translation>알 수 없는 분류 방법 '{0}'. 다음 중 하나를 쓰세요: {1} (QGIS/mapclassify 이름도 됩니다: equal_interval, natural_breaks, quantiles, std_mean, HeadTailBreaks 등).</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="122"/>
        <source>{0}has no values to classify: every value is NULL or empty. Pick another field or check the join.</source>
        <translation>{0}분류할 값이 없습니다: 모든 값이 NULL이거나 비어 있습니다. 다른 필드를 고르거나 결합을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="158"/>
        <source>All {0} values are equal ({1}); there is nothing to classify. Use a single-symbol style or another field.</source>
        <translation>{0}개의 값이 모두 같습니다({1}). 분류할 것이 없습니다. 단일 심볼 스타일이나 다른 필드를 쓰세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="171"/>
        <source>The logarithmic method needs values above zero, but the smallest value is {0} ({1} values are zero or negative). Use another method, or add a constant to the values.</source>
        <translation>로그 방법에는 0보다 큰 값이 필요한데 가장 작은 값이 {0}입니다({1}개 값이 0이거나 음수). 다른 방법을 쓰거나 값에 상수를 더하세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="220"/>
        <source>Manual breaks must increase strictly; got {0}.</source>
        <translation>수동 구간은 엄격히 증가해야 합니다. 받은 값: {0}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="163"/>
        <source>The number of classes must be between 2 and {0}; got {1}.</source>
        <translation>등급 수는 2에서 {0} 사이여야 합니다. 받은 값: {1}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="217"/>
        <source>Manual breaks must be numbers separated by commas; got {0}.</source>
        <translation>수동 구간은 쉼표로 구분한 숫자여야 합니다. 받은 값: {0}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/classify.py" line="168"/>
        <source>Only {0} distinct values for {1} classes. Use at most {0} classes or the manual method.</source>
        <translation>서로 다른 값이 {0}개뿐인데 등급이 {1}개입니다. 등급을 {0}개 이하로 하거나 수동 방법을 쓰세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/export.py" line="91"/>
        <source>Export needs at least one layer.</source>
        <translation>내보내려면 레이어가 하나 이상 필요합니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/export.py" line="207"/>
        <source>Legend</source>
        <translation>범례</translation>
    </message>
    <message>
        <location filename="../core/thematic/export.py" line="94"/>
        <source>A layer to export is not valid.</source>
        <translation>내보낼 레이어가 올바르지 않습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/export.py" line="139"/>
        <source>The layers to export are empty; there is nothing to draw.</source>
        <translation>내보낼 레이어가 비어 있어 그릴 것이 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/export.py" line="98"/>
        <source>Unknown page size '{0}'; use one of {1}.</source>
        <translation>알 수 없는 용지 크기 '{0}'입니다. {1} 중 하나를 사용하세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/export.py" line="232"/>
        <source>The resolution must be between 30 and 1200 DPI; got {0}.</source>
        <translation>해상도는 30에서 1200 DPI 사이여야 합니다. 받은 값: {0}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/export.py" line="107"/>
        <source>The map extent {0!r} is empty: give (xmin, ymin, xmax, ymax) with xmax &gt; xmin and ymax &gt; ymin.</source>
        <translation>지도 범위 {0!r}이(가) 비어 있습니다. xmax &gt; xmin, ymax &gt; ymin인 (xmin, ymin, xmax, ymax)를 주세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/export.py" line="238"/>
        <source>The folder {0} does not exist.</source>
        <translation>폴더 {0}이(가) 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/export.py" line="241"/>
        <source>Unsupported export format '{0}': use .png, .jpg, .pdf or .svg.</source>
        <translation>지원하지 않는 내보내기 형식 '{0}': .png, .jpg, .pdf 또는 .svg를 쓰세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/export.py" line="104"/>
        <source>The map extent must be (xmin, ymin, xmax, ymax) in the CRS of the first layer or a QgsRectangle, not {0!r}.</source>
        <translation>지도 범위는 첫 레이어 좌표계의 (xmin, ymin, xmax, ymax) 또는 QgsRectangle이어야 합니다. {0!r}은(는) 사용할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/export.py" line="258"/>
        <source>Exporting {0} failed ({1}). Check that the file is not open elsewhere.</source>
        <translation>{0} 내보내기에 실패했습니다({1}). 파일이 다른 곳에서 열려 있지 않은지 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="143"/>
        <source>Matched {0} of {1} features with {2} of {3} table rows.</source>
        <translation>피처 {1}개 중 {0}개가 표의 {3}행 중 {2}행과 일치했습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="215"/>
        <source>The boundary layer is not valid.</source>
        <translation>경계 레이어가 올바르지 않습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="146"/>
        <source>{0} features have no row (e.g. {1}).</source>
        <translation>피처 {0}개에 해당하는 행이 없습니다 (예: {1}).</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="149"/>
        <source>{0} table rows have no feature (e.g. {1}).</source>
        <translation>표의 {0}행에 해당하는 피처가 없습니다 (예: {1}).</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="152"/>
        <location filename="../ui/thematic_dock.py" line="347"/>
        <source>Duplicate table keys: {0}.</source>
        <translation>중복된 표 키: {0}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="154"/>
        <source>Keys shared by several features: {0}.</source>
        <translation>여러 피처가 같이 쓰는 키: {0}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="157"/>
        <source>Read as numbers: {0}.</source>
        <translation>숫자로 읽은 열: {0}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="199"/>
        <source>Could not open the boundary layer {0}.</source>
        <translation>경계 레이어 {0}을(를) 열 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="217"/>
        <source>The key field '{0}' is not in the layer '{1}'. Its fields: {2}.</source>
        <translation>키 필드 '{0}'이(가) 레이어 '{1}'에 없습니다. 레이어의 필드: {2}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="220"/>
        <source>The layer '{0}' has no features; there is nothing to join to.</source>
        <translation>레이어 '{0}'에 피처가 없어 결합할 대상이 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="222"/>
        <source>boundary layer</source>
        <translation>경계 레이어</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="222"/>
        <source>table</source>
        <translation>표</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="223"/>
        <source>joined output</source>
        <translation>결합 결과 파일</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="229"/>
        <source>The table {0} has a header but no rows.</source>
        <translation>표 {0}에 머리글만 있고 행이 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="251"/>
        <source>The table {0} has {1} duplicate keys in '{2}' (e.g. {3}); each region needs one row. Remove or aggregate the duplicates, or choose 'keep the first row'.</source>
        <translation>표 {0}의 '{2}' 열에 중복 키가 {1}개 있습니다 (예: {3}). 지역마다 행이 하나여야 합니다. 중복을 지우거나 합치거나 '첫 행 유지'를 고르세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="330"/>
        <source>No table row matched a feature: layer keys look like {0}, table keys like {1}. Check the key fields (and their normalisation).</source>
        <translation>표의 어떤 행도 피처와 일치하지 않았습니다: 레이어 키는 {0}, 표 키는 {1} 같은 모양입니다. 키 필드(와 정규화)를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="349"/>
        <source>The output {0} must be a GeoPackage (.gpkg) or 'memory:'.</source>
        <translation>출력 {0}은(는) GeoPackage(.gpkg) 또는 'memory:'여야 합니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="371"/>
        <source>Could not open the written file {0}.</source>
        <translation>쓴 파일 {0}을(를) 열 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="174"/>
        <source>The table layer '{0}' is not valid.</source>
        <translation>표 레이어 '{0}'이(가) 올바르지 않습니다.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="226"/>
        <source>The key column '{0}' is not in the table {1}. Its columns: {2}.</source>
        <translation>키 열 '{0}'이(가) 표 {1}에 없습니다. 표의 열: {2}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/join.py" line="235"/>
        <source>The column '{0}' is not in the table {1}. Its columns: {2}.</source>
        <translation>열 '{0}'이(가) 표 {1}에 없습니다. 표의 열: {2}.</translation>
    </message>
    <message>
        <location filename="../core/thematic/style.py" line="58"/>
        <source>low</source>
        <translation>낮음</translation>
    </message>
    <message>
        <location filename="../core/thematic/style.py" line="58"/>
        <source>middle</source>
        <translation>중간</translation>
    </message>
    <message>
        <location filename="../core/thematic/style.py" line="58"/>
        <source>high</source>
        <translation>높음</translation>
    </message>
    <message>
        <location filename="../core/thematic/style.py" line="59"/>
        <source>sequential</source>
        <translation>순차</translation>
    </message>
    <message>
        <location filename="../core/thematic/style.py" line="59"/>
        <source>diverging</source>
        <translation>발산</translation>
    </message>
    <message>
        <location filename="../core/thematic/style.py" line="60"/>
        <source>qualitative</source>
        <translation>범주</translation>
    </message>
    <message>
        <location filename="../core/thematic/style.py" line="122"/>
        <source>{0} – {1} ({2})</source>
        <translation>{0} – {1} ({2})</translation>
    </message>
    <message>
        <location filename="../core/thematic/style.py" line="291"/>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <location filename="../core/thematic/style.py" line="166"/>
        <location filename="../core/thematic/style.py" line="209"/>
        <source>No data ({0})</source>
        <translation>자료 없음 ({0})</translation>
    </message>
    <message>
        <location filename="../core/thematic/style.py" line="80"/>
        <source>Unknown colour ramp '{0}'. Use a ColorBrewer name such as YlOrRd, Blues, RdBu or Set2.</source>
        <translation>알 수 없는 색상 램프 '{0}'. YlOrRd, Blues, RdBu, Set2 같은 ColorBrewer 이름을 쓰세요.</translation>
    </message>
    <message>
        <location filename="../core/thematic/style.py" line="203"/>
        <source>{0}: {1}, {2}: {3} ({4})</source>
        <translation>{0}: {1}, {2}: {3} ({4})</translation>
    </message>
    <message>
        <location filename="../core/thematic/style.py" line="244"/>
        <source>Could not write the legend image {0}.</source>
        <translation>범례 이미지 {0}을(를) 쓸 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="223"/>
        <source>300 DPI is usual for print, 150 for screens.</source>
        <translation>인쇄에는 보통 300 DPI, 화면용은 150 DPI입니다.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="49"/>
        <source>from {0} to {1}</source>
        <translation>{0}에서 {1}까지</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="120"/>
        <source>The parameter '{0}' must be True or False; got {1}.</source>
        <translation>매개변수 '{0}'은(는) True 또는 False여야 합니다. 받은 값: {1}.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="133"/>
        <source>The parameter '{0}' must be one of {1}; got {2}.</source>
        <translation>매개변수 '{0}'은(는) {1} 중 하나여야 합니다. 받은 값: {2}.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="48"/>
        <source>above {0} and at most {1}</source>
        <translation>{0} 초과 {1} 이하</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="51"/>
        <source>above {0}</source>
        <translation>{0} 초과</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="51"/>
        <source>at least {0}</source>
        <translation>{0} 이상</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="53"/>
        <location filename="../core/wealth/predict.py" line="836"/>
        <source>below {0}</source>
        <translation>{0} 미만</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="53"/>
        <source>at most {0}</source>
        <translation>{0} 이하</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="84"/>
        <source>The parameter '{0}' must be a finite number {1}; got {2}.</source>
        <translation>매개변수 '{0}'은(는) {1}의 유한한 수여야 합니다. 받은 값: {2}.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="97"/>
        <source>The parameter '{0}' must be a whole number {1}; got {2}.</source>
        <translation>매개변수 '{0}'은(는) {1}의 정수여야 합니다. 받은 값: {2}.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="146"/>
        <source>The parameter '{0}' must be a non-empty text{1}; got {2}.</source>
        <translation>매개변수 '{0}'은(는) 비어 있지 않은 텍스트여야 합니다{1}. 받은 값: {2}.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="161"/>
        <source>The parameter '{0}' must be a list of at least {1} names; got {2}.</source>
        <translation>매개변수 '{0}'은(는) 이름이 {1}개 이상인 목록이어야 합니다. 받은 값: {2}.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="179"/>
        <source>The parameter '{0}' must be a list of at least {1} finite numbers; got {2}.</source>
        <translation>매개변수 '{0}'은(는) 유한한 수가 {1}개 이상인 목록이어야 합니다. 받은 값: {2}.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="182"/>
        <source>The parameter '{0}' must list numbers in strictly increasing order; got {1}.</source>
        <translation>매개변수 '{0}'에는 수를 엄격한 오름차순으로 나열해야 합니다. 받은 값: {1}.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="204"/>
        <source>The parameter '{0}' must be a box of four finite numbers (xmin, ymin, xmax, ymax); got {1}.</source>
        <translation>매개변수 '{0}'은(는) 유한한 수 네 개(xmin, ymin, xmax, ymax)로 된 범위여야 합니다. 받은 값: {1}.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="209"/>
        <source>The parameter '{0}' is in degrees (EPSG:4326): longitudes must be from -180 to 180 and latitudes from -90 to 90; got {1}. Give (lon_min, lat_min, lon_max, lat_max).</source>
        <translation>매개변수 '{0}'은(는) 도 단위(EPSG:4326)입니다. 경도는 -180에서 180, 위도는 -90에서 90이어야 합니다. 받은 값: {1}. (lon_min, lat_min, lon_max, lat_max)로 주세요.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="213"/>
        <source>The parameter '{0}' is inverted or empty: ymin ({1:g}) must be below ymax ({2:g}). Give (xmin, ymin, xmax, ymax).</source>
        <translation>매개변수 '{0}'이(가) 뒤집혔거나 비어 있습니다. ymin({1:g})은 ymax({2:g})보다 작아야 합니다. (xmin, ymin, xmax, ymax)로 주세요.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="216"/>
        <source>The parameter '{0}' is inverted or empty: xmin ({1:g}) must be below xmax ({2:g}). Give (xmin, ymin, xmax, ymax).</source>
        <translation>매개변수 '{0}'이(가) 뒤집혔거나 비어 있습니다. xmin({1:g})은 xmax({2:g})보다 작아야 합니다. (xmin, ymin, xmax, ymax)로 주세요.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="234"/>
        <source>The parameter '{0}' must be a colour such as '#3182bd' or 'red'; got {1}.</source>
        <translation>매개변수 '{0}'은(는) '#3182bd'나 'red' 같은 색이어야 합니다. 받은 값: {1}.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="250"/>
        <source>The parameter '{0}' must be a coordinate reference system (CRS) such as 'EPSG:4326'; got {1}.</source>
        <translation>매개변수 '{0}'은(는) 'EPSG:4326' 같은 좌표계(CRS)여야 합니다. 받은 값: {1}.</translation>
    </message>
    <message>
        <location filename="../core/validate.py" line="145"/>
        <source>(at most {0} characters)</source>
        <translation>(최대 {0}자)</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="84"/>
        <source>WealthMap demo (built-up share)</source>
        <translation>WealthMap 데모 (시가지 비율)</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="85"/>
        <source>built-up share 0..1 (demonstration target, not wealth)</source>
        <translation>시가지 비율 0..1 (시연용 목표값, 부가 아님)</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="86"/>
        <source>demo</source>
        <translation>데모</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="86"/>
        <source>trained</source>
        <translation>학습됨</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="86"/>
        <source>weak</source>
        <translation>약함</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="86"/>
        <source>validated</source>
        <translation>검증됨</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="87"/>
        <source>training mean</source>
        <translation>학습 평균</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="87"/>
        <source>group mean</source>
        <translation>그룹 평균</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="88"/>
        <source>urban/rural mean</source>
        <translation>도시/농촌 평균</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="114"/>
        <source>Weak model: its cross-validated r² {0:.3f} does not beat the best simple baseline ({1}, r² {2:.3f}); its maps say less than that baseline. Add survey points, rasters that cover them better, or group/urban fields, and train again.</source>
        <translation>약한 모델: 교차 검증 r² {0:.3f}가 가장 좋은 단순 기준선({1}, r² {2:.3f})보다 낫지 않습니다. 이 모델의 지도는 그 기준선보다 알려 주는 것이 적습니다. 조사 지점, 지점을 더 잘 덮는 래스터, 그룹/도시 필드를 더하고 다시 학습하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="212"/>
        <location filename="../ui/wealth_predict_widget.py" line="73"/>
        <source>This is a demonstration model, not a wealth estimate.</source>
        <translation>이것은 시연용 모델이며 부 추정치가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="339"/>
        <source>manifest.json is not a JSON object</source>
        <translation>manifest.json이 JSON 객체가 아닙니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="352"/>
        <source>'bands' must be a non-empty list of distinct band names</source>
        <translation>'bands'는 서로 다른 밴드 이름의 비어 있지 않은 목록이어야 합니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="359"/>
        <source>normalization.rgb_bands must name three of the bands</source>
        <translation>normalization.rgb_bands는 밴드 중 세 개를 지정해야 합니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="385"/>
        <source>head.outputs must name the 'mean' and 'std' outputs</source>
        <translation>head.outputs는 'mean'과 'std' 출력을 지정해야 합니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="389"/>
        <source>the embedder's and head's file, input and output names must be non-empty texts</source>
        <translation>임베더와 헤드의 파일, 입력, 출력 이름은 비어 있지 않은 텍스트여야 합니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="405"/>
        <source>'features' must be a non-empty list of distinct names</source>
        <translation>'features'는 서로 다른 이름의 비어 있지 않은 목록이어야 합니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="413"/>
        <source>file names must be relative to the bundle folder</source>
        <translation>파일 이름은 번들 폴더 기준 상대 경로여야 합니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="532"/>
        <location filename="../core/wealth/predict.py" line="348"/>
        <source>model bundle</source>
        <translation>모델 번들</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="332"/>
        <source>The model bundle '{0}' is not valid: {1}. Use a bundle written by WealthMap (see models/README.md) or re-export it.</source>
        <translation>모델 번들 '{0}'이(가) 올바르지 않습니다: {1}. WealthMap이 만든 번들(models/README.md 참고)을 사용하거나 다시 내보내십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="402"/>
        <source>output.classes must be a list of increasing numbers (the legend's class breaks)</source>
        <translation>output.classes는 증가하는 숫자의 목록(범례의 계급 경계값)이어야 합니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="221"/>
        <source>{0} (demonstration model, not a wealth estimate)</source>
        <translation>{0}(시연용 모델, 부 추정치 아님)</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="223"/>
        <source>{0} (weak model: not better than a simple baseline)</source>
        <translation>{0} (약한 모델: 단순 기준선보다 낫지 않음)</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="346"/>
        <source>schema version {0} is newer than this plugin understands ({1}); update WealthMap</source>
        <translation>스키마 버전 {0}은(는) 이 플러그인이 이해하는 버전({1})보다 새롭습니다. WealthMap을 업데이트하십시오</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="349"/>
        <source>status '{0}' is not one of {1}</source>
        <translation>상태 '{0}'은(는) {1} 중 하나가 아닙니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="362"/>
        <source>normalization.stretch_min and stretch_max must be finite numbers with stretch_max above stretch_min (got {0!r} and {1!r})</source>
        <translation>normalization.stretch_min과 stretch_max는 유한한 수이고 stretch_max가 stretch_min보다 커야 합니다(받은 값: {0!r}, {1!r})</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="372"/>
        <source>gsd_m (the pixel size the model reads, in metres) must be from {0:g} to {1:g}; got {2!r}</source>
        <translation>gsd_m(모델이 읽는 픽셀 크기, 미터)은 {0:g}에서 {1:g} 사이여야 합니다. 받은 값: {2!r}</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="376"/>
        <source>chip_px must be from 8 to {0} and context_chips an odd number from 1 to {1} (got {2} and {3})</source>
        <translation>chip_px는 8에서 {0} 사이, context_chips는 1에서 {1} 사이의 홀수여야 합니다(받은 값: {2}, {3})</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="392"/>
        <source>embedder.dim (the embedding's length) must be a whole number from 1 to 1000000; got {0!r}</source>
        <translation>embedder.dim(임베딩 길이)은 1에서 1000000 사이의 정수여야 합니다. 받은 값: {0!r}</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="437"/>
        <source>No model bundle at '{0}': the folder has no manifest.json. Choose a folder written by WealthMap (the bundled one is models/wealthmap_demo).</source>
        <translation>'{0}'에 모델 번들이 없습니다: 폴더에 manifest.json이 없습니다. WealthMap이 만든 폴더를 선택하십시오(내장 번들은 models/wealthmap_demo).</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="482"/>
        <source>The output folder '{0}' is the model bundle the training starts from (or the bundled demonstration model); it would be replaced. Choose a new folder.</source>
        <translation>출력 폴더 '{0}'은(는) 학습의 기반이 되는 모델 번들(또는 내장 시연 모델)입니다. 대체될 수 있으니 새 폴더를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="486"/>
        <source>The output '{0}' is a file, not a folder. Choose a new or empty folder for the model bundle.</source>
        <translation>출력 '{0}'은(는) 폴더가 아니라 파일입니다. 모델 번들을 위한 새 폴더나 빈 폴더를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="342"/>
        <source>manifest.json has no '{0}' field</source>
        <translation>manifest.json에 '{0}' 필드가 없습니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="344"/>
        <source>manifest field '{0}' has the wrong type</source>
        <translation>manifest 필드 '{0}'의 형식이 잘못되었습니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="356"/>
        <source>normalization has no '{0}'</source>
        <translation>normalization에 '{0}'이(가) 없습니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="367"/>
        <source>normalization.{0} must list 3 finite numbers, one per RGB band{1} (got {2!r}); a zero spread would divide by zero</source>
        <translation>normalization.{0}에는 RGB 밴드마다 하나씩 유한한 수 3개가 있어야 합니다{1}(받은 값: {2!r}). 퍼짐이 0이면 0으로 나누게 됩니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="369"/>
        <source>, each above 0</source>
        <translation>, 각각 0보다 크게</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="408"/>
        <source>the file '{0}' is not listed under 'files' with its sha256</source>
        <translation>파일 '{0}'이(가) 'files'에 sha256과 함께 나열되어 있지 않습니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="411"/>
        <source>the 'files' entry '{0}' needs a plain file name and a sha256</source>
        <translation>'files' 항목 '{0}'에는 단순 파일 이름과 sha256이 필요합니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="443"/>
        <source>manifest.json cannot be read ({0})</source>
        <translation>manifest.json을 읽을 수 없습니다({0})</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="498"/>
        <source>The folder '{0}' holds a model bundle and other files ({1}); writing the new bundle replaces the folder and would delete them. Move them, or choose a new folder.</source>
        <translation>폴더 '{0}'에 모델 번들과 다른 파일({1})이 함께 있습니다. 새 번들을 쓰면 폴더가 대체되어 그 파일들이 삭제됩니다. 파일을 옮기거나 새 폴더를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="507"/>
        <source>The model bundle cannot be written in '{0}' ({1}). Choose a folder you can write to.</source>
        <translation>'{0}'에 모델 번들을 쓸 수 없습니다({1}). 쓰기 가능한 폴더를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="382"/>
        <source>'{0}' has no '{1}'</source>
        <translation>'{0}'에 '{1}'이(가) 없습니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="450"/>
        <source>The model bundle '{0}' lacks the file '{1}' that its manifest lists. Copy the whole bundle folder again.</source>
        <translation>모델 번들 '{0}'에 매니페스트가 나열한 파일 '{1}'이(가) 없습니다. 번들 폴더 전체를 다시 복사하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="454"/>
        <source>The model file '{0}' in bundle '{1}' does not match its manifest (sha256 differs): it was changed or corrupted. Reinstall or re-export the bundle; WealthMap refuses to run it.</source>
        <translation>번들 '{1}'의 모델 파일 '{0}'이(가) 매니페스트와 일치하지 않습니다(sha256 불일치): 변경되었거나 손상되었습니다. 번들을 다시 설치하거나 다시 내보내십시오. WealthMap은 이 파일을 실행하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="492"/>
        <source>The folder '{0}' is not empty and holds no valid WealthMap model bundle ({1}); it would be replaced. Choose an empty or new folder.</source>
        <translation>폴더 '{0}'이(가) 비어 있지 않고 올바른 WealthMap 모델 번들도 없습니다({1}). 대체될 수 있으니 빈 폴더나 새 폴더를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/bundle.py" line="536"/>
        <source>Bundle file names must be plain names, not '{0}'.</source>
        <translation>번들 파일 이름은 단순 이름이어야 합니다('{0}'은(는) 안 됩니다).</translation>
    </message>
    <message>
        <location filename="../core/wealth/covariates.py" line="451"/>
        <source>the region</source>
        <translation>영역</translation>
    </message>
    <message>
        <location filename="../core/wealth/covariates.py" line="97"/>
        <source>The covariate raster '{0}' ({1}) cannot be opened{2}. Give a GDAL raster (GeoTIFF, VRT...).</source>
        <translation>공변량 래스터 '{0}'({1})을(를) 열 수 없습니다{2}. GDAL 래스터(GeoTIFF, VRT 등)를 지정하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/covariates.py" line="100"/>
        <source>The covariate raster '{0}' ({1}) has no coordinate reference system. Assign one (Raster &gt; Projections &gt; Assign Projection) and try again.</source>
        <translation>공변량 래스터 '{0}'({1})에 좌표계가 없습니다. 좌표계를 지정하고(래스터 &gt; 투영 &gt; 투영 지정) 다시 시도하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/covariates.py" line="155"/>
        <source>Two covariates have the name {0}; give each its own name (name=path).</source>
        <translation>두 공변량의 이름이 {0}(으)로 같습니다. 각각 다른 이름을 지정하십시오(name=path).</translation>
    </message>
    <message>
        <location filename="../core/wealth/covariates.py" line="386"/>
        <source>The covariate '{0}' ({1}) has values far outside those the model was trained on: median {2:.4g} here, {3:.4g} to {4:.4g} in training ({5} {6}). Use the same product and units as in training.</source>
        <translation>공변량 '{0}'({1})의 값이 모델 학습 때의 값에서 크게 벗어납니다: 여기 중앙값 {2:.4g}, 학습 때 {3:.4g}~{4:.4g}({5} {6}). 학습 때와 같은 자료와 단위를 쓰십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/covariates.py" line="390"/>
        <source>(no units given)</source>
        <translation>(단위 없음)</translation>
    </message>
    <message>
        <location filename="../core/wealth/covariates.py" line="431"/>
        <source>The model needs the covariate raster(s) {0}, which were not given. Give a raster for each, by name (covariates={{'name': path}}; in the dock pick the matching layer).</source>
        <translation>모델에 공변량 래스터 {0}이(가) 필요하지만 주어지지 않았습니다. 이름별로 래스터를 하나씩 지정하십시오(covariates={{'name': path}}, 도크에서는 해당 레이어 선택).</translation>
    </message>
    <message>
        <location filename="../core/wealth/covariates.py" line="61"/>
        <source>The covariate '{0}' has the statistic '{1}'; use 'mean' (radiance, built-up share, elevation, distance) or 'sum' (counts such as people).</source>
        <translation>공변량 '{0}'의 통계량이 '{1}'입니다. 'mean'(복사휘도, 건물지 비율, 고도, 거리) 또는 'sum'(인구 같은 개수)을 쓰십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/covariates.py" line="138"/>
        <source>A covariate needs the path of its raster (got {0!r}).</source>
        <translation>공변량에는 래스터 경로가 필요합니다(받은 값: {0!r}).</translation>
    </message>
    <message>
        <location filename="../core/wealth/covariates.py" line="354"/>
        <source>The covariate raster '{0}' ({1}) does not cover {2}: it spans {3} in its own coordinate system ({4}), {2} needs {5}. Use a covariate raster that covers it (check its CRS).</source>
        <translation>공변량 래스터 '{0}'({1})이(가) {2}을(를) 덮지 않습니다: 자체 좌표계({4})에서 범위는 {3}이고 {2}에는 {5}이(가) 필요합니다. 이를 덮는 공변량 래스터를 쓰십시오(좌표계를 확인하십시오).</translation>
    </message>
    <message>
        <location filename="../core/wealth/covariates.py" line="437"/>
        <source>The covariate '{0}' is band {1}, but '{2}' has {3} band(s).</source>
        <translation>공변량 '{0}'은(는) 밴드 {1}이지만 '{2}'에는 밴드가 {3}개 있습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/covariates.py" line="146"/>
        <source>The covariate '{0}' asks for band {1}, but '{2}' has {3} band(s).</source>
        <translation>공변량 '{0}'은(는) 밴드 {1}을(를) 요구하지만 '{2}'에는 밴드가 {3}개 있습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="47"/>
        <source>block sizes that would work: {0}</source>
        <translation>가능한 블록 크기: {0}</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="101"/>
        <source>Leave-one-group-out cross-validation needs a group field (country or region). Pick one, or use spatially blocked k-fold.</source>
        <translation>그룹 하나씩 제외 교차 검증에는 그룹 필드(국가 또는 지역)가 필요합니다. 하나를 고르거나 공간 블록 k-폴드를 사용하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="279"/>
        <source>An out-of-region test set needs a group field (country or region) to hold out. Pick one.</source>
        <translation>지역 외 검증 세트를 따로 떼어 두려면 그룹 필드(국가 또는 지역)가 필요합니다. 하나를 고르십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="45"/>
        <source>no block size down to {0:g} km gives {1} blocks: the points are too close together; use fewer folds or group cross-validation</source>
        <translation>{0:g} km까지 어떤 블록 크기도 블록 {1}개를 만들지 못합니다. 지점들이 너무 가깝습니다. 겹 수를 줄이거나 그룹 교차 검증을 쓰십시오</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="72"/>
        <source>The survey points lie too close together for {0}-fold spatially blocked cross-validation ({1}). Use fewer folds or group cross-validation.</source>
        <translation>조사 지점들이 너무 가까이 모여 있어 {0}겹 공간 블록 교차 검증을 할 수 없습니다({1}). 겹 수를 줄이거나 그룹 교차 검증을 쓰십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="228"/>
        <location filename="../core/wealth/cv.py" line="202"/>
        <source>Unknown cross-validation scheme '{0}': use 'blocked' or 'group'.</source>
        <translation>알 수 없는 교차 검증 방식 '{0}': 'blocked' 또는 'group'을 사용하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="82"/>
        <source>Only {0} spatial blocks for {1}-fold blocked cross-validation. Use smaller blocks, fewer folds, or points spread over a larger area.</source>
        <translation>{1}-폴드 블록 교차 검증에 공간 블록이 {0}개뿐입니다. 블록을 작게 하거나, 폴드 수를 줄이거나, 더 넓은 지역에 퍼진 지점을 사용하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="106"/>
        <source>{0} points have no value in the group field (e.g. point {1}); leave-one-group-out would hold them out as a group of their own. Fill in their country or region, or use spatially blocked k-fold.</source>
        <translation>그룹 필드에 값이 없는 점이 {0}개 있습니다(예: {1}번 점). 그룹 하나 제외 교차검증은 이들을 별도의 그룹으로 취급합니다. 국가나 지역을 채우거나 공간 블록 k-겹 교차검증을 사용하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="112"/>
        <source>Leave-one-group-out cross-validation needs at least two groups, but the group field has only one value ('{0}'). Use spatially blocked k-fold, or a field with several countries or regions.</source>
        <translation>그룹 하나씩 제외 교차 검증에는 그룹이 둘 이상 필요한데, 그룹 필드에 값이 하나('{0}')뿐입니다. 공간 블록 k-폴드를 사용하거나 여러 국가나 지역이 있는 필드를 고르십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="285"/>
        <source>The held-out group(s) {0} are not in the group field (it has {1}).</source>
        <translation>떼어 둘 그룹 {0}이(가) 그룹 필드에 없습니다(있는 값: {1}).</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="289"/>
        <source>Holding out {0} leaves no points to train on; hold out fewer groups.</source>
        <translation>{0}을(를) 떼어 두면 학습할 지점이 남지 않습니다. 더 적은 그룹을 떼어 두십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="60"/>
        <source>Only {0} spatial blocks of {1:g} km for {2}-fold blocked cross-validation: the points span too small an area for blocks that large; {3}. Leave the block size empty to choose it automatically.</source>
        <translation>{2}겹 블록 교차 검증에 {1:g} km 공간 블록이 {0}개뿐입니다. 지점들이 그렇게 큰 블록에는 너무 좁은 범위에 있습니다. {3}. 블록 크기를 비워 두면 자동으로 고릅니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="68"/>
        <source>The default {0:g} km gives {1} blocks, too few for {2} folds: blocks of {3:g} km are the largest that give enough.</source>
        <translation>기본값 {0:g} km로는 블록이 {1}개로 {2}겹에 부족합니다. 충분한 블록을 주는 가장 큰 크기는 {3:g} km입니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="211"/>
        <source>Cross-validation needs at least 2 folds (got {0}); 5 is usual.</source>
        <translation>교차검증에는 2개 이상의 폴드가 필요합니다(입력값 {0}). 보통 5를 씁니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="215"/>
        <source>The spatial block size must be more than 0 km (got {0}); 50 km is usual.</source>
        <translation>공간 블록 크기는 0 km보다 커야 합니다(입력값 {0}). 보통 50 km를 씁니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/cv.py" line="208"/>
        <source>The number of folds and the block size must be numbers (got {0} and {1}).</source>
        <translation>폴드 수와 블록 크기는 숫자여야 합니다(입력값 {0}, {1}).</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/cluster.py" line="37"/>
        <source>The scheduler '{0}' is not understood: give 'inprocess' (default), 'local' (worker processes on this machine) or a Dask scheduler's address such as tcp://host:8786.</source>
        <translation>스케줄러 '{0}'을(를) 알 수 없습니다. 'inprocess'(기본값), 'local'(이 컴퓨터의 작업자 프로세스) 또는 tcp://host:8786 같은 Dask 스케줄러 주소를 지정하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/cluster.py" line="50"/>
        <source>Dask cannot be imported ({0}).</source>
        <translation>Dask를 불러올 수 없습니다 ({0}).</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/cluster.py" line="112"/>
        <source>The Dask cluster at {0} does not answer ({1}). Start its scheduler ('dask scheduler') and workers ('dask worker {0} --preload {2}'), check the address and port (8786 by default) and the firewall, or run in-process.</source>
        <translation>{0}의 Dask 클러스터가 응답하지 않습니다 ({1}). 스케줄러('dask scheduler')와 작업자('dask worker {0} --preload {2}')를 시작하고, 주소와 포트(기본 8786), 방화벽을 확인하거나 이 프로세스에서 실행하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/collect.py" line="57"/>
        <source>Partition {0} failed: {1}</source>
        <translation>분할 {0} 실패: {1}</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/collect.py" line="61"/>
        <source>The Dask scheduler or workers cannot import WealthMap ({0}). Start the scheduler and each worker with the plugin's preload and WEALTHMAP_PLUGIN_DIR set to the plugin folder: dask scheduler --preload {1}; dask worker &lt;scheduler&gt; --preload {1}</source>
        <translation>Dask 스케줄러나 작업자가 WealthMap을 불러올 수 없습니다 ({0}). WEALTHMAP_PLUGIN_DIR을 플러그인 폴더로 설정하고 플러그인의 preload로 스케줄러와 각 작업자를 시작하십시오: dask scheduler --preload {1}; dask worker &lt;scheduler&gt; --preload {1}</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/features.py" line="105"/>
        <location filename="../core/wealth/features.py" line="523"/>
        <source>No raster given: pick one or more Sentinel-2 rasters that cover the survey points.</source>
        <translation>래스터가 없습니다: 설문 지점을 덮는 Sentinel-2 래스터를 하나 이상 고르십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/features.py" line="154"/>
        <source>{0} of {1} groups of points failed ({2}); the finished ones are kept in {3}. Run the same training again to finish the rest.</source>
        <translation>지점 그룹 {1}개 중 {0}개가 실패했습니다 ({2}). 완료된 그룹은 {3}에 보관됩니다. 같은 학습을 다시 실행하면 나머지를 마칩니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/features.py" line="144"/>
        <source>Cancelled: {0} of {1} groups of points are finished and kept in {2}; run the same training again to resume.</source>
        <translation>취소됨: 지점 그룹 {1}개 중 {0}개가 완료되어 {2}에 보관됩니다. 같은 학습을 다시 실행하면 이어서 진행합니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/merge.py" line="24"/>
        <source>The part {0} of the run cannot be read; delete it and run again.</source>
        <translation>실행의 부분 파일 {0}을(를) 읽을 수 없습니다. 삭제하고 다시 실행하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/merge.py" line="43"/>
        <location filename="../core/wealth/predict.py" line="350"/>
        <location filename="../core/wealth/predict.py" line="737"/>
        <location filename="../ui/wealth_predict_widget.py" line="213"/>
        <source>GeoTIFF</source>
        <translation>GeoTIFF</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/merge.py" line="112"/>
        <source>The merged output has {0} chips, the plan {1}; delete the run folder and run again.</source>
        <translation>병합된 결과에 칩이 {0}개 있지만 계획은 {1}개입니다. 실행 폴더를 삭제하고 다시 실행하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/merge.py" line="79"/>
        <source>The parts of tile row {0} miss {1} chips; delete the run folder and run again.</source>
        <translation>타일 행 {0}의 부분 파일에 칩 {1}개가 없습니다. 실행 폴더를 삭제하고 다시 실행하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/merge.py" line="95"/>
        <source>Writing to '{0}' failed.</source>
        <translation>'{0}'에 쓰지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/merge.py" line="74"/>
        <source>The part {0} holds the chip (column {1}, row {2}) twice or outside its tile; delete the run folder and run again.</source>
        <translation>부분 파일 {0}에 칩(열 {1}, 행 {2})이 두 번 있거나 타일 밖에 있습니다. 실행 폴더를 삭제하고 다시 실행하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run.py" line="32"/>
        <source>A distributed run needs the raster's path or URL (the workers open it), not an opened raster.</source>
        <translation>분산 실행에는 열린 래스터가 아니라 래스터의 경로나 URL이 필요합니다 (작업자가 직접 엽니다).</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run.py" line="107"/>
        <source>A distributed run needs a scheduler: 'local' or a cluster address.</source>
        <translation>분산 실행에는 스케줄러가 필요합니다: 'local' 또는 클러스터 주소.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run.py" line="110"/>
        <location filename="../core/wealth/predict.py" line="643"/>
        <source>It is the number of chips per model call; 16 is a good value.</source>
        <translation>모델 호출 한 번에 넣는 칩 수이며, 16이 적당합니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run.py" line="114"/>
        <location filename="../core/wealth/predict.py" line="652"/>
        <source>0 means no limit.</source>
        <translation>0은 제한 없음입니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run.py" line="125"/>
        <source>The partition size must be a whole number of chips of at least 1 (16 is a good value).</source>
        <translation>분할 크기는 1 이상의 정수(칩 수)여야 합니다 (16이 적당합니다).</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run.py" line="225"/>
        <source>Distributed prediction: {0} partitions ({1} run, {2} already done) on {3}, {4} chips in {5:.1f} s.</source>
        <translation>분산 예측: {3}에서 분할 {0}개 ({1}개 실행, {2}개는 이미 완료), 칩 {4}개, {5:.1f}초.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run.py" line="264"/>
        <source>Cancelled: {0} of {1} partitions are finished and kept in {2}; run the same prediction again to resume.</source>
        <translation>취소됨: 분할 {1}개 중 {0}개가 완료되어 {2}에 보관됩니다. 같은 예측을 다시 실행하면 이어서 진행합니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run.py" line="148"/>
        <location filename="../core/wealth/predict.py" line="669"/>
        <source>The region needs {0} chips, more than the limit of {1} (setting 'WealthMap/wealth/max_chips', parameter MAX_CHIPS / max_chips). Draw a smaller region or raise the limit.</source>
        <translation>영역에 칩 {0}개가 필요해 제한 {1}개를 넘습니다(설정 'WealthMap/wealth/max_chips', 매개변수 MAX_CHIPS / max_chips). 더 작은 영역을 그리거나 제한을 늘리십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run.py" line="156"/>
        <location filename="../core/wealth/predict.py" line="732"/>
        <source>The output must be a GeoPackage (.gpkg), not '{0}'.</source>
        <translation>출력은 GeoPackage(.gpkg)여야 합니다('{0}'은(는) 안 됩니다).</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run.py" line="199"/>
        <source>{0} of {1} partitions failed ({2}); the {3} finished ones are kept in {4}. Run the same prediction again to finish the rest.</source>
        <translation>분할 {1}개 중 {0}개가 실패했습니다 ({2}). 완료된 {3}개는 {4}에 보관됩니다. 같은 예측을 다시 실행하면 나머지를 마칩니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run.py" line="217"/>
        <location filename="../core/wealth/predict.py" line="798"/>
        <source>All {0} chips of the region are cloudy or without data (valid below {1:.0%} or clouds above {2:.0%}); nothing to predict. Use a clearer scene, check the raster's nodata value, or relax the thresholds.</source>
        <translation>영역의 칩 {0}개가 모두 구름이 많거나 데이터가 없습니다(유효 {1:.0%} 미만 또는 구름 {2:.0%} 초과). 추정할 것이 없습니다. 더 맑은 장면을 쓰거나, 래스터의 nodata 값을 확인하거나, 임계값을 완화하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run.py" line="167"/>
        <source>Cannot write the run folder {0} ({1}). Choose an output in a folder you can write to, or give another run folder.</source>
        <translation>실행 폴더 {0}에 쓸 수 없습니다 ({1}). 쓰기 가능한 폴더에 결과를 지정하거나 다른 실행 폴더를 지정하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run_manifest.py" line="66"/>
        <source>run folder file</source>
        <translation>실행 폴더 파일</translation>
    </message>
    <message>
        <location filename="../core/wealth/distributed/run_manifest.py" line="97"/>
        <source>The run folder {0} held another run (other inputs or parameters): it is started afresh.</source>
        <translation>실행 폴더 {0}에 다른 실행(다른 입력이나 매개변수)이 있었습니다. 새로 시작합니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="200"/>
        <source>The embedder '{0}' has no input '{1}' (its inputs: {2}), the name its manifest gives (embedder.input); the bundle is mismatched. Fix the manifest or re-export the model.</source>
        <translation>임베더 '{0}'에 매니페스트가 지정한 입력 '{1}'(embedder.input)이 없습니다(입력: {2}). 번들이 맞지 않습니다. 매니페스트를 고치거나 모델을 다시 내보내세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="205"/>
        <source>The embedder '{0}' expects input of shape {1}, not (N, 3, H, W); the bundle does not fit this plugin.</source>
        <translation>임베더 '{0}'은(는) (N, 3, H, W)가 아닌 {1} 형태의 입력을 받습니다. 이 번들은 이 플러그인에 맞지 않습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="208"/>
        <source>The embedder '{0}' takes images of {1} x {2} pixels but the manifest's chip_px is {3}; the bundle is mismatched. Fix chip_px or re-export the model.</source>
        <translation>임베더 '{0}'은(는) {1} x {2} 픽셀 영상을 받지만 매니페스트의 chip_px는 {3}입니다. 번들이 맞지 않습니다. chip_px를 고치거나 모델을 다시 내보내세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="212"/>
        <source>The embedder '{0}' has no output '{1}' (its outputs: {2}), the name its manifest gives (embedder.output); the bundle is mismatched. Fix the manifest or re-export the model.</source>
        <translation>임베더 '{0}'에 매니페스트가 지정한 출력 '{1}'(embedder.output)이 없습니다(출력: {2}). 번들이 맞지 않습니다. 매니페스트를 고치거나 모델을 다시 내보내세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="231"/>
        <source>The embedder '{0}' uses ONNX opset &lt; 13; re-export it with opset 13 or later.</source>
        <translation>임베더 '{0}'은(는) ONNX opset 13 미만을 사용합니다. opset 13 이상으로 다시 내보내십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="477"/>
        <source>the embedder file, bands, chip_px, gsd_m or normalization</source>
        <translation>임베더 파일, 밴드, chip_px, gsd_m 또는 normalization</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="498"/>
        <source>The head '{0}' reduces the first columns (the embedding) with PCA, but the manifest's 'features' list does not start with 'embedding' ({1}). Restore the manifest's order (or re-export the bundle).</source>
        <translation>헤드 '{0}'은(는) 앞쪽 열(임베딩)을 PCA로 줄이지만, 매니페스트의 'features' 목록이 'embedding'으로 시작하지 않습니다({1}). 매니페스트의 순서를 되돌리세요(또는 번들을 다시 내보내세요).</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="82"/>
        <location filename="../core/wealth/embed.py" line="295"/>
        <source>The ONNX file '{0}' cannot be loaded by onnxruntime ({1}): it is corrupt or not an ONNX model. Reinstall or re-export the model bundle.</source>
        <translation>ONNX 파일 '{0}'을(를) onnxruntime이 불러올 수 없습니다({1}): 손상되었거나 ONNX 모델이 아닙니다. 모델 번들을 다시 설치하거나 다시 내보내십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="284"/>
        <source>The embedder '{0}' gives embeddings of {1} values but the manifest's embedder.dim is {2}; the bundle is mismatched. Fix embedder.dim or re-export the model.</source>
        <translation>임베더 '{0}'은(는) 값 {1}개짜리 임베딩을 내지만 매니페스트의 embedder.dim은 {2}입니다. 번들이 맞지 않습니다. embedder.dim을 고치거나 모델을 다시 내보내세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="427"/>
        <location filename="../core/wealth/embed.py" line="448"/>
        <source>The model '{0}' expects the feature '{1}', which prediction cannot compute (it computes the embedding, {2} and the covariate rasters the manifest lists). Use a head trained by WealthMap, with its covariate rasters.</source>
        <translation>모델 '{0}'은(는) 예측에서 계산할 수 없는 특성 '{1}'을(를) 요구합니다(예측은 임베딩, {2}, 매니페스트에 적힌 공변량 래스터를 계산합니다). WealthMap으로 학습한 헤드를 그 공변량 래스터와 함께 쓰십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="478"/>
        <source>The head '{0}' was trained on features computed with other settings than its manifest now gives ({1} changed): its predictions would be wrong. Restore the manifest (or train the head again with these settings).</source>
        <translation>헤드 '{0}'은(는) 매니페스트가 지금 지정하는 것과 다른 설정으로 계산한 특성으로 학습되었습니다({1} 변경됨). 예측이 틀리게 됩니다. 매니페스트를 되돌리세요(또는 이 설정으로 헤드를 다시 학습하세요).</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="488"/>
        <source>The head '{0}' was trained on the features {1} in this order, but the manifest lists {2}; the columns would reach the wrong inputs. Restore the manifest's 'features' list (or re-export the bundle).</source>
        <translation>헤드 '{0}'은(는) 특성 {1}을(를) 이 순서로 학습했지만 매니페스트에는 {2}이(가) 있습니다. 열이 잘못된 입력으로 들어갑니다. 매니페스트의 'features' 목록을 되돌리세요(또는 번들을 다시 내보내세요).</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="516"/>
        <source>The head '{0}' does not have the input/outputs its manifest names ({1} -&gt; {2}); the bundle is mismatched. Re-export it.</source>
        <translation>헤드 '{0}'에 매니페스트가 지정한 입력/출력({1} -&gt; {2})이 없습니다. 번들이 맞지 않으니 다시 내보내십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="522"/>
        <source>The head '{0}' takes {1} features but the manifest lists {2}; the bundle is mismatched. Re-export it.</source>
        <translation>헤드 '{0}'은(는) 특징 {1}개를 받지만 매니페스트에는 {2}개가 나열되어 있습니다. 번들이 맞지 않으니 다시 내보내십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/embed.py" line="67"/>
        <source>onnxruntime cannot be imported ({0}); reinstall it for the Python that QGIS uses.</source>
        <translation>onnxruntime을 가져올 수 없습니다({0}). QGIS가 사용하는 Python에 다시 설치하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/features.py" line="606"/>
        <location filename="../core/wealth/features.py" line="567"/>
        <source>outside every raster</source>
        <translation>어느 래스터에도 포함되지 않음</translation>
    </message>
    <message>
        <location filename="../core/wealth/features.py" line="616"/>
        <source>chip status {0} in {1}</source>
        <translation>{1}에서 칩 상태 {0}</translation>
    </message>
    <message>
        <location filename="../core/wealth/features.py" line="612"/>
        <source>nodata: only {0:.0f}% valid pixels in the chip at the point in {1}</source>
        <translation>nodata: {1}에서 지점의 칩에 유효 픽셀이 {0:.0f}%뿐임</translation>
    </message>
    <message>
        <location filename="../core/wealth/features.py" line="615"/>
        <source>clouds over {0:.0f}% of the chip at the point in {1}</source>
        <translation>{1}에서 지점의 칩의 {0:.0f}%가 구름</translation>
    </message>
    <message>
        <location filename="../core/wealth/features.py" line="353"/>
        <source>The raster '{0}' lacks the band(s) {1}: the embedder reads the red, green and blue bands ({2}), so these are needed to train (bands found: {3}). Name the bands B02, B03, B04... in the raster, or map them (band mapping: e.g. B02=1, B03=2).</source>
        <translation>래스터 '{0}'에 밴드 {1}이(가) 없습니다. 임베딩 모델이 빨강, 초록, 파랑 밴드({2})를 읽으므로 학습에 필요합니다(찾은 밴드: {3}). 래스터의 밴드 이름을 B02, B03, B04 등으로 지정하거나 밴드를 대응시키십시오(밴드 대응: 예 B02=1, B03=2).</translation>
    </message>
    <message>
        <location filename="../core/wealth/features.py" line="403"/>
        <source>The context must be an odd number of chips per side (1, 3, 5...), not {0}: the chip that contains a point is its centre.</source>
        <translation>맥락은 한 변에 홀수 개의 칩(1, 3, 5...)이어야 하며 {0}은(는) 안 됩니다: 지점을 포함하는 칩이 그 중심입니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/features.py" line="459"/>
        <source>The rasters have different bands: {0} has {1}, {2} has {3}. Use rasters with the same bands (the same product and band order).</source>
        <translation>래스터의 밴드가 서로 다릅니다: {0}에는 {1}, {2}에는 {3}. 같은 밴드(같은 제품과 밴드 순서)의 래스터를 사용하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/mosaic.py" line="70"/>
        <source>The rasters lie too far apart to be mosaicked ({0} x {1} pixels at {2:g} m). Predict each region with its own raster.</source>
        <translation>래스터들이 너무 멀리 떨어져 있어 모자이크할 수 없습니다 ({2:g} m에서 {0} x {1} 픽셀). 지역마다 해당 래스터로 따로 추정하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/mosaic.py" line="47"/>
        <source>{0} (Every raster of a mosaic needs the model's bands.)</source>
        <translation>{0} (모자이크의 모든 래스터에 모델이 쓰는 밴드가 있어야 합니다.)</translation>
    </message>
    <message>
        <location filename="../core/wealth/mosaic.py" line="118"/>
        <source>The raster '{0}' cannot be warped onto the mosaic's grid ({1}): {2}. Reproject it first (Raster &gt; Projections &gt; Warp).</source>
        <translation>래스터 '{0}'을(를) 모자이크 격자({1})로 워프할 수 없습니다: {2}. 먼저 재투영하세요 (래스터 &gt; 투영 &gt; 워프).</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="332"/>
        <source>Wealth (demo)</source>
        <translation>부 (데모)</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="334"/>
        <source>Wealth (weak)</source>
        <translation>부 (약한 모델)</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="89"/>
        <source>The region has no coordinate reference system; give its CRS (region_crs), e.g. the layer's or the map canvas's CRS.</source>
        <translation>영역에 좌표계가 없습니다. 영역의 좌표계(region_crs)를 지정하십시오. 예: 레이어나 지도 캔버스의 좌표계.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="115"/>
        <source>The region is empty. Draw a rectangle or polygon, or select polygon features.</source>
        <translation>영역이 비어 있습니다. 사각형이나 폴리곤을 그리거나 폴리곤 피처를 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="182"/>
        <source>reflectance = DN x scale + offset: 0.0001 for Sentinel-2 digital numbers.</source>
        <translation>반사율 = DN x scale + offset: Sentinel-2 디지털 값에는 0.0001입니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="184"/>
        <source>-0.1 for Sentinel-2 products of processing baseline 04.00 and later.</source>
        <translation>처리 기준선 04.00 이후의 Sentinel-2 제품에는 -0.1입니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="326"/>
        <source>Wealth: {0} ({1})</source>
        <translation>부 지수: {0}({1})</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="335"/>
        <source>Wealth ({0})</source>
        <translation>부 ({0})</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="349"/>
        <source>covariate raster</source>
        <translation>공변량 래스터</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="697"/>
        <source>CUDA was asked for, but this onnxruntime has no CUDA provider: the prediction runs on the CPU. To use the GPU, install onnxruntime-gpu (matching your CUDA version) in the Python that QGIS uses.</source>
        <translation>CUDA를 요청했지만 이 onnxruntime에는 CUDA 제공자가 없어 CPU로 추정합니다. GPU를 쓰려면 QGIS가 쓰는 Python에 (CUDA 버전에 맞는) onnxruntime-gpu를 설치하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="936"/>
        <source>Predicted per chip by model {0} ({1}). Units: {2}.</source>
        <translation>모델 {0}({1})로 칩마다 추정했습니다. 단위: {2}.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="241"/>
        <source>The region cannot be transformed to the grid's coordinate system.</source>
        <translation>영역을 격자 좌표계로 변환할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="245"/>
        <source>The region is not a valid polygon (it crosses itself) and no area is left once repaired. Draw it again without crossing edges.</source>
        <translation>영역이 올바른 폴리곤이 아니며(자기 자신과 교차) 고친 뒤에는 면적이 남지 않습니다. 변이 교차하지 않게 다시 그리세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="323"/>
        <source>Wealth: {0} (demonstration model, not a wealth estimate)</source>
        <translation>부 지수: {0}(시연용 모델, 부 추정치 아님)</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="325"/>
        <source>Wealth: {0} (weak model: not better than a simple baseline)</source>
        <translation>부: {0} (약한 모델: 단순 기준선보다 낫지 않음)</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="344"/>
        <location filename="../core/wealth/train_api.py" line="106"/>
        <source>raster</source>
        <translation>래스터</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="434"/>
        <source>the style is missing from the template</source>
        <translation>템플릿에 스타일이 없습니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="675"/>
        <source>Only {0:.0%} of the region ({1:.1f} of {2:.1f} km²) lies over the raster '{3}': the rest has no chips. Draw the region over the raster, or mosaic it with the raster that covers the rest.</source>
        <translation>영역의 {0:.0%}({2:.1f} km² 중 {1:.1f} km²)만 래스터 '{3}' 위에 있습니다. 나머지에는 칩이 없습니다. 영역을 래스터 위에 그리거나, 나머지를 덮는 래스터와 모자이크하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="218"/>
        <source>No raster was given.</source>
        <translation>래스터가 지정되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="252"/>
        <source>The region lies outside the raster '{0}'. Draw the region over the raster (zoom to the raster layer first) or choose the raster that covers it.</source>
        <translation>영역이 래스터 '{0}' 밖에 있습니다. 래스터 위에 영역을 그리거나(먼저 래스터 레이어로 확대) 그 영역을 덮는 래스터를 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="263"/>
        <source>The region spans {0:,} chip cells of {1:g} m on the raster (at most {2:,} are listed; the limit of chips to predict is {3}). Draw a smaller region, or check the model bundle's pixel size (gsd_m {4:g} m, chip_px {5}).</source>
        <translation>영역이 래스터 위에서 {1:g} m 칩 셀 {0:,}개에 걸칩니다(최대 {2:,}개까지 나열합니다. 예측 칩 한도는 {3}입니다). 더 작은 영역을 그리거나 모델 번들의 픽셀 크기(gsd_m {4:g} m, chip_px {5})를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="291"/>
        <source>The region ({0:.2f} km²) contains no chip centre: chips are {1:.2f} km wide ({2} px at {3:g} m). Draw a larger region (at least one chip) over the raster.</source>
        <translation>영역({0:.2f} km²)에 칩 중심이 하나도 없습니다: 칩 너비는 {1:.2f} km({3:g} m에서 {2} px)입니다. 래스터 위에 더 큰 영역(칩 하나 이상)을 그리십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="347"/>
        <source>Sentinel-2 product</source>
        <translation>Sentinel-2 제품</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="373"/>
        <location filename="../core/wealth/predict.py" line="461"/>
        <source>Cannot write the output GeoPackage '{0}': {1}. Choose a folder you can write to.</source>
        <translation>출력 GeoPackage '{0}'을(를) 쓸 수 없습니다: {1}. 쓰기 권한이 있는 폴더를 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="686"/>
        <source>The raster '{0}' is JPEG 2000, which is slow to decode (about {1:.0f} ms per chip, some {2:.0f} s for these {3} chips). For large regions, convert it once to a tiled GeoTIFF (Raster &gt; Conversion &gt; Translate with TILED=YES, COMPRESS=DEFLATE and INTERLEAVE=BAND) and predict on that.</source>
        <translation>래스터 '{0}'은(는) JPEG 2000 형식이라 디코딩이 느립니다 (칩당 약 {1:.0f} ms, 이 {3}개 칩에 약 {2:.0f}초). 넓은 지역은 먼저 타일 GeoTIFF로 한 번 변환한 뒤 (래스터 &gt; 변환 &gt; 변환(Translate), TILED=YES, COMPRESS=DEFLATE, INTERLEAVE=BAND) 그 파일로 추정하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="701"/>
        <source>Sentinel-2 product {0}: its bands stacked at 10 m ({1}); reflectance = DN x {2:g} {3:+g} ({4}).</source>
        <translation>Sentinel-2 제품 {0}: 밴드를 10 m로 묶었습니다 ({1}). 반사율 = DN x {2:g} {3:+g} ({4}).</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="710"/>
        <source>The raster '{0}' is not on the model's grid ({1}, {2:g} m pixels), so it is resampled while it is read (about {3:.0f} ms per chip, some {4:.0f} s for these {5} chips, about twice the time of a raster on the grid). To predict faster, reproject it once to {1} at {2:g} m (Raster &gt; Projections &gt; Warp (Reproject)) and predict on that.</source>
        <translation>래스터 '{0}'은(는) 모델의 격자({1}, {2:g} m 픽셀)에 맞지 않아 읽는 동안 재샘플링됩니다 (칩당 약 {3:.0f} ms, 이 {5}개 칩에 약 {4:.0f}초로, 격자에 맞는 래스터의 약 두 배입니다). 더 빨리 추정하려면 먼저 {1}, {2:g} m로 한 번 재투영한 뒤 (래스터 &gt; 투영 &gt; 워프(재투영)) 그 파일로 추정하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="837"/>
        <source>{0} and above</source>
        <translation>{0} 이상</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="906"/>
        <source>The style of the output cannot be written: {0}</source>
        <translation>출력의 스타일을 기록할 수 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="930"/>
        <source>The style cannot be saved in the output '{0}' ({1}). Choose a folder you can write to.</source>
        <translation>출력 '{0}'에 스타일을 저장할 수 없습니다 ({1}). 쓰기 권한이 있는 폴더를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="109"/>
        <source>Or give a rectangle, a polygon or WKT.</source>
        <translation>또는 사각형, 폴리곤, WKT를 주세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="187"/>
        <source>{0}: the parameter 'band_map' must map band names to band numbers, e.g. {{'B02': 1, 'B03': 2}} or 'B02=1, B03=2'; got {1!r}.</source>
        <translation>{0}: 매개변수 'band_map'은 밴드 이름을 밴드 번호에 대응시켜야 합니다. 예: {{'B02': 1, 'B03': 2}} 또는 'B02=1, B03=2'. 받은 값: {1!r}.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="226"/>
        <source>{0} (The model '{1}' expects the bands {2}.)</source>
        <translation>{0}(모델 '{1}'은(는) 밴드 {2}을(를) 요구합니다.)</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="273"/>
        <source>The region needs more than {0} chips, the limit (setting 'WealthMap/wealth/max_chips', parameter MAX_CHIPS / max_chips). Draw a smaller region or raise the limit.</source>
        <translation>영역에 한도인 칩 {0}개보다 많은 칩이 필요합니다(설정 'WealthMap/wealth/max_chips', 매개변수 MAX_CHIPS / max_chips). 더 작은 영역을 그리거나 한도를 올리세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="439"/>
        <source>The empty output template could not be written ({0}); the output is created directly.</source>
        <translation>빈 출력 템플릿을 쓸 수 없습니다({0}). 출력 파일을 직접 만듭니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="492"/>
        <source>Cannot write the GeoTIFF '{0}'.</source>
        <translation>GeoTIFF '{0}'을(를) 쓸 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="649"/>
        <source>The folder {0} for the GeoTIFF does not exist. Create it or choose another path.</source>
        <translation>GeoTIFF를 쓸 폴더 {0}이(가) 없습니다. 폴더를 만들거나 다른 경로를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="682"/>
        <source>The covariate '{0}' is another file ({1}) than the one the model was trained with (sha256 differs): right for another tile or region of the same product; check that it is the same product, year and units.</source>
        <translation>공변량 '{0}'은(는) 모델 학습에 쓴 파일과 다른 파일({1})입니다(sha256 다름). 같은 자료의 다른 타일이나 지역이라면 맞습니다. 같은 자료, 연도, 단위인지 확인하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="692"/>
        <source>For this Sentinel-2 product, translate the stack of its bands at 10 m that WealthMap wrote: {0}</source>
        <translation>이 Sentinel-2 제품은 WealthMap이 만든 10 m 밴드 묶음을 변환하세요: {0}</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="836"/>
        <source>{0} – {1}</source>
        <translation>{0} – {1}</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="489"/>
        <source>Cannot write the GeoTIFF '{0}' ({1}). Choose a folder you can write to.</source>
        <translation>GeoTIFF '{0}'을(를) 쓸 수 없습니다({1}). 쓰기 가능한 폴더를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="102"/>
        <source>The region '{0}' is not valid WKT. Give e.g. POLYGON((x1 y1, x2 y2, x3 y3, x1 y1)) in the region's CRS, or a bounding box (xmin, ymin, xmax, ymax).</source>
        <translation>영역 '{0}'은(는) 올바른 WKT가 아닙니다. 영역 좌표계의 POLYGON((x1 y1, x2 y2, x3 y3, x1 y1)) 같은 형식이나 경계 상자 (xmin, ymin, xmax, ymax)를 주세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/predict.py" line="575"/>
        <source>Writing to '{0}' failed: {1}</source>
        <translation>'{0}'에 쓰기 실패: {1}</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="737"/>
        <source>The region cannot be transformed to the raster's coordinate system.</source>
        <translation>영역을 래스터의 좌표계로 변환할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="157"/>
        <source>No coordinate reference system was given for the region or point.</source>
        <translation>영역이나 지점의 좌표계가 지정되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="163"/>
        <source>The coordinate reference system '{0}' is not recognised. Give it as EPSG:code (e.g. EPSG:32633 for UTM zone 33N), as WKT, or as a QGIS CRS.</source>
        <translation>좌표계 '{0}'을(를) 인식할 수 없습니다. EPSG:코드(예: UTM 33N은 EPSG:32633), WKT 또는 QGIS 좌표계로 주세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="182"/>
        <location filename="../core/wealth/raster.py" line="187"/>
        <source>The band mapping '{0}' is not of the form B02=1, B03=2, ...</source>
        <translation>밴드 매핑 '{0}'이(가) B02=1, B03=2, ... 형식이 아닙니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="226"/>
        <source>The raster '{0}' has no bands.</source>
        <translation>래스터 '{0}'에 밴드가 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="229"/>
        <source>mosaic of {0}</source>
        <translation>{0} 모자이크</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="234"/>
        <source>The raster '{0}' has no coordinate reference system or georeferencing. Assign its CRS (Raster &gt; Projections &gt; Assign Projection) or use a georeferenced file.</source>
        <translation>래스터 '{0}'에 좌표계나 지리 참조가 없습니다. 좌표계를 지정하거나(래스터 &gt; 투영 &gt; 투영 지정) 지리 참조된 파일을 사용하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="244"/>
        <source>The raster '{0}' is 8-bit ({1} bands of Byte): it looks like a screenshot or an RGB rendering, not Sentinel-2 reflectance. Use the original 16-bit (UInt16/Int16) or Float32 bands.</source>
        <translation>래스터 '{0}'은(는) 8비트입니다(Byte 밴드 {1}개): Sentinel-2 반사율이 아닌 화면 캡처나 RGB 렌더링으로 보입니다. 원본 16비트(UInt16/Int16) 또는 Float32 밴드를 사용하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="256"/>
        <source>The reflectance conversion of the raster '{0}' is unusable: scale {1!r} and offset {2!r} (from {3}); the scale must be a finite number above 0, the offset finite, or every chip would get the same value. Give them (scale, offset: reflectance = DN x scale + offset, e.g. 0.0001 and -0.1).</source>
        <translation>래스터 '{0}'의 반사율 변환을 쓸 수 없습니다: scale {1!r}, offset {2!r}({3}에서). scale은 0보다 큰 유한한 수, offset은 유한한 수여야 합니다. 그렇지 않으면 모든 칩이 같은 값을 받습니다. 직접 주세요(scale, offset: 반사율 = DN x scale + offset, 예: 0.0001과 -0.1).</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="312"/>
        <source>The raster '{0}' lacks the band(s) {1} that the model {2} needs (bands found from the band descriptions: {3}). Name the bands B02, B03, ... in the raster, or map them yourself (band mapping: e.g. B02=1, B03=2).</source>
        <translation>래스터 '{0}'에 모델 {2}에 필요한 밴드 {1}이(가) 없습니다(밴드 설명에서 찾은 밴드: {3}). 래스터의 밴드 이름을 B02, B03, ...으로 지정하거나 직접 매핑하십시오(밴드 매핑: 예 B02=1, B03=2).</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="223"/>
        <source>GDAL cannot open the raster '{0}' ({1}). Choose a GeoTIFF, VRT or JP2 file.</source>
        <translation>GDAL이 래스터 '{0}'을(를) 열 수 없습니다({1}). GeoTIFF, VRT 또는 JP2 파일을 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="252"/>
        <source>The reflectance scale or offset of the raster '{0}' cannot be read ({1}). Give them (scale, offset: reflectance = DN x scale + offset, e.g. 0.0001 and -0.1).</source>
        <translation>래스터 '{0}'의 반사율 scale 또는 offset을 읽을 수 없습니다({1}). 직접 주세요(scale, offset: 반사율 = DN x scale + offset, 예: 0.0001과 -0.1).</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="221"/>
        <source>The raster '{0}' does not exist. Choose an existing raster file.</source>
        <translation>래스터 '{0}'이(가) 없습니다. 존재하는 래스터 파일을 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/raster.py" line="282"/>
        <source>The band mapping sends {0} to band {1}, but '{2}' has {3} bands.</source>
        <translation>밴드 매핑이 {0}을(를) 밴드 {1}에 연결하지만 '{2}'의 밴드는 {3}개입니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/region.py" line="14"/>
        <source>The region layer '{0}' is not valid.</source>
        <translation>영역 레이어 '{0}'이(가) 유효하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/region.py" line="16"/>
        <source>The region layer '{0}' has no polygons: give a polygon layer, a rectangle or a bounding box (xmin, ymin, xmax, ymax).</source>
        <translation>영역 레이어 '{0}'에 폴리곤이 없습니다. 폴리곤 레이어, 사각형 또는 경계 상자(xmin, ymin, xmax, ymax)를 주세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/region.py" line="24"/>
        <source>The region layer '{0}' has no polygon features.</source>
        <translation>영역 레이어 '{0}'에 폴리곤 피처가 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/region.py" line="22"/>
        <source>No feature of '{0}' is selected; select the region's polygons first.</source>
        <translation>'{0}'에서 선택된 피처가 없습니다. 먼저 영역의 폴리곤을 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="169"/>
        <source>baseline: training mean</source>
        <translation>기준선: 학습 평균</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="169"/>
        <source>baseline: group mean</source>
        <translation>기준선: 그룹 평균</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="170"/>
        <source>baseline: urban/rural mean</source>
        <translation>기준선: 도시/농촌 평균</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="168"/>
        <source>model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="43"/>
        <location filename="../core/wealth/report.py" line="175"/>
        <source>Predicted against observed</source>
        <translation>예측값 대 관측값</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="59"/>
        <source>observed</source>
        <translation>관측값</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="61"/>
        <source>predicted (cross-validated)</source>
        <translation>예측값(교차 검증)</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="75"/>
        <source>bias (predicted - observed)</source>
        <translation>편향(예측 - 관측)</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="109"/>
        <source>Out-of-region test</source>
        <translation>지역 외 검증</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="114"/>
        <source>held-out group</source>
        <translation>떼어 둔 그룹</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="127"/>
        <source>Features</source>
        <translation>특성</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="149"/>
        <location filename="../core/wealth/report.py" line="153"/>
        <source>WealthMap training report</source>
        <translation>WealthMap 학습 보고서</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="155"/>
        <location filename="../ui/wealth_predict_widget.py" line="186"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="155"/>
        <source>status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="157"/>
        <source>Code version</source>
        <translation>코드 버전</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="157"/>
        <source>Created</source>
        <translation>생성 시각</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="160"/>
        <source>Cross-validated on held-out spatial blocks or whole groups; a model is 'trained', not 'validated', until someone checks it on independent data.</source>
        <translation>제외된 공간 블록이나 그룹 전체로 교차 검증했습니다. 독립된 자료로 누군가 확인하기 전까지 모델은 'validated'가 아니라 'trained'입니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="165"/>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="165"/>
        <source>folds</source>
        <translation>폴드</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="167"/>
        <source>squared Pearson r</source>
        <translation>피어슨 r 제곱</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="167"/>
        <source>urban r²</source>
        <translation>도시 r²</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="167"/>
        <source>rural r²</source>
        <translation>농촌 r²</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="189"/>
        <source>Feature importances</source>
        <translation>특징 중요도</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="189"/>
        <source>feature</source>
        <translation>특징</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="189"/>
        <source>importance</source>
        <translation>중요도</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="193"/>
        <source>Training data</source>
        <translation>학습 자료</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="195"/>
        <source>rows read</source>
        <translation>읽은 행</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="195"/>
        <source>rows used</source>
        <translation>사용한 행</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="196"/>
        <source>left out</source>
        <translation>제외됨</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="202"/>
        <source>rasters</source>
        <translation>래스터</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="203"/>
        <source>hash of the inputs</source>
        <translation>입력 해시</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="213"/>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="213"/>
        <source>features</source>
        <translation>특징</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="213"/>
        <source>evaluation</source>
        <translation>평가</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="214"/>
        <source>final forest</source>
        <translation>최종 포레스트</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="214"/>
        <source>points from the cache:</source>
        <translation>캐시에서 읽은 지점:</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="88"/>
        <source>Spatial blocks of {0:g} km ({1} blocks).</source>
        <translation>{0:g} km 공간 블록({1}개).</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="93"/>
        <source>Out-of-region test (whole groups held out): r² {0} over {1} held-out groups.</source>
        <translation>지역 외 검증(그룹 전체를 떼어 둠): 떼어 둔 그룹 {1}개에서 r² {0}.</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="116"/>
        <source>No out-of-region test: the survey has no group field with two or more groups (countries or regions).</source>
        <translation>지역 외 검증 없음: 조사 자료에 그룹이 둘 이상인 그룹 필드(국가 또는 지역)가 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="120"/>
        <source>Errors per slice</source>
        <translation>구간별 오차</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="120"/>
        <source>Cross-validated predictions (each from a model that did not see the point), per slice.</source>
        <translation>교차 검증 예측(각 지점을 보지 않은 모델의 예측), 구간별.</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="131"/>
        <source>covariate</source>
        <translation>공변량</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="131"/>
        <source>band</source>
        <translation>밴드</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="131"/>
        <source>statistic</source>
        <translation>통계량</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="131"/>
        <source>units</source>
        <translation>단위</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="132"/>
        <source>training range</source>
        <translation>학습 범위</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="179"/>
        <source>urban</source>
        <translation>도시</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="179"/>
        <source>rural</source>
        <translation>농촌</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="182"/>
        <source>Which feature groups help</source>
        <translation>도움이 되는 특징 그룹</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="182"/>
        <location filename="../core/wealth/survey.py" line="320"/>
        <source>group</source>
        <translation>그룹</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="182"/>
        <source>columns</source>
        <translation>열</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="182"/>
        <source>r² without it</source>
        <translation>제외했을 때 r²</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="183"/>
        <source>r² with it alone</source>
        <translation>이것만 썼을 때 r²</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="198"/>
        <source>groups</source>
        <translation>그룹</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="201"/>
        <source>years</source>
        <translation>연도</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="207"/>
        <source>Rows left out</source>
        <translation>제외된 행</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="207"/>
        <source>row</source>
        <translation>행</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="207"/>
        <source>reason</source>
        <translation>이유</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="105"/>
        <source>Spatial blocks of {0:g} km ({1} blocks, {2}). {3}</source>
        <translation>{0:g} km 공간 블록({1}개, {2}). {3}</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="106"/>
        <source>chosen for this survey</source>
        <translation>이 조사 자료에 맞춰 선택</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="107"/>
        <source>as given</source>
        <translation>지정한 대로</translation>
    </message>
    <message>
        <location filename="../core/wealth/report.py" line="111"/>
        <source>Whole groups held out as the test set ({0}); the model predicting them was trained on the other groups only. Pooled r² {1}.</source>
        <translation>그룹 전체를 검증 세트로 떼어 둠({0}). 이를 예측한 모델은 다른 그룹만으로 학습했습니다. 통합 r² {1}.</translation>
    </message>
    <message>
        <location filename="../core/wealth/sentinel2.py" line="126"/>
        <source>Cannot read the Sentinel-2 metadata file '{0}'.</source>
        <translation>Sentinel-2 메타데이터 파일 '{0}'을(를) 읽을 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/sentinel2.py" line="197"/>
        <source>The Sentinel-2 product '{0}' has no metadata file '{1}'. Open the product's MTD_MSIL2A.xml / MTD_MSIL1C.xml, its .SAFE folder or its .zip.</source>
        <translation>Sentinel-2 제품 '{0}'에 메타데이터 파일 '{1}'이(가) 없습니다. 제품의 MTD_MSIL2A.xml / MTD_MSIL1C.xml, .SAFE 폴더 또는 .zip 파일을 여세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/sentinel2.py" line="203"/>
        <source>No band files (IMG_DATA/*_B02*.jp2 ...) were found in the Sentinel-2 product '{0}'. Download the complete product (.zip) and open it again.</source>
        <translation>Sentinel-2 제품 '{0}'에서 밴드 파일(IMG_DATA/*_B02*.jp2 ...)을 찾지 못했습니다. 전체 제품(.zip)을 내려받아 다시 여세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/sentinel2.py" line="306"/>
        <source>'{0}' is not a Sentinel-2 product (a .zip holding a .SAFE folder, or its MTD_MSIL2A.xml / MTD_MSIL1C.xml). Give other rasters as raster layers.</source>
        <translation>'{0}'은(는) Sentinel-2 제품(.SAFE 폴더가 든 .zip 또는 그 MTD_MSIL2A.xml / MTD_MSIL1C.xml)이 아닙니다. 다른 래스터는 래스터 레이어로 지정하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/sentinel2.py" line="142"/>
        <source>The Sentinel-2 metadata file '{0}' is not valid XML ({1}).</source>
        <translation>Sentinel-2 메타데이터 파일 '{0}'이(가) 올바른 XML이 아닙니다 ({1}).</translation>
    </message>
    <message>
        <location filename="../core/wealth/sentinel2.py" line="223"/>
        <source>its tiles lie in {0} different coordinate systems</source>
        <translation>타일이 서로 다른 좌표계 {0}개에 걸쳐 있습니다</translation>
    </message>
    <message>
        <location filename="../core/wealth/sentinel2.py" line="229"/>
        <source>The tiles of the Sentinel-2 product '{0}' cannot be combined ({1}). Open each tile's band files separately.</source>
        <translation>Sentinel-2 제품 '{0}'의 타일을 합칠 수 없습니다 ({1}). 타일마다 밴드 파일을 따로 여세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/sentinel2.py" line="262"/>
        <source>The band {0} of the Sentinel-2 product '{1}' does not cover the same area as its 10 m bands; the product looks incomplete or altered.</source>
        <translation>Sentinel-2 제품 '{1}'의 밴드 {0}이(가) 10 m 밴드와 같은 영역을 덮지 않습니다. 제품이 불완전하거나 변경된 것으로 보입니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="312"/>
        <source>value</source>
        <translation>값</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="321"/>
        <source>urban/rural</source>
        <translation>도시/농촌</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="322"/>
        <source>year</source>
        <translation>연도</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="482"/>
        <source>duplicate point averaged into an earlier row</source>
        <translation>중복 지점을 앞 행에 평균하여 합침</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="315"/>
        <source>latitude</source>
        <translation>위도</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="316"/>
        <source>longitude</source>
        <translation>경도</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="323"/>
        <source>extra feature</source>
        <translation>추가 특징</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="273"/>
        <source> The latitude and longitude columns look swapped.</source>
        <translation> 위도와 경도 열이 뒤바뀐 것 같습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="273"/>
        <source> They look like projected coordinates (metres): declare the CRS they are in.</source>
        <translation> 투영 좌표(미터)로 보입니다: 실제 좌표계를 지정하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="107"/>
        <source>The survey table has no column '{0}' (for the {1}). Its columns are: {2}. Pick one of them.</source>
        <translation>설문 표에 ({1}용) 열 '{0}'이(가) 없습니다. 열 목록: {2}. 이 중 하나를 고르십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="114"/>
        <source>Could not find the {0} column in the survey table (columns: {1}). Name it with the matching parameter.</source>
        <translation>설문 표에서 {0} 열을 찾을 수 없습니다(열: {1}). 해당 매개변수로 이름을 지정하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="139"/>
        <source>The column '{0}' of {1} has values such as '{2}' that could be read with a thousands separator or a decimal comma. Write the numbers without thousands separators, or with a decimal point, and try again.</source>
        <translation>{1}의 '{0}' 열에 '{2}'처럼 천 단위 구분 기호로도, 소수점 쉼표로도 읽을 수 있는 값이 있습니다. 천 단위 구분 기호 없이 쓰거나 소수점(.)을 사용한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="264"/>
        <source>The CRS '{0}' declared for {1} is not a valid CRS. Use an EPSG code such as EPSG:4326.</source>
        <translation>{1}에 지정된 좌표계 '{0}'이(가) 올바르지 않습니다. EPSG:4326 같은 EPSG 코드를 사용하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="308"/>
        <source>The survey {0} has no rows.</source>
        <translation>설문 {0}에 행이 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="310"/>
        <source>No value field given: name the numeric column to learn (for example 'wealthpooled'). Columns of {0}: {1}.</source>
        <translation>값 필드가 없습니다: 학습할 숫자 열의 이름을 지정하십시오(예: 'wealthpooled'). {0}의 열: {1}.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="393"/>
        <source>The value field '{0}' of {1} is not numeric in {2} rows, for example row {3}. Pick a numeric field or clean these rows.</source>
        <translation>{1}의 값 필드 '{0}'이(가) {2}개 행에서 숫자가 아닙니다. 예: 행 {3}. 숫자 필드를 고르거나 이 행들을 정리하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="405"/>
        <source>empty value</source>
        <translation>빈 값</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="420"/>
        <source>Only {0} usable points in {1} ({2} left out); at least {3} are needed to train and cross-validate. Add points or fix the rows listed in the report.</source>
        <translation>{1}에서 사용할 수 있는 지점이 {0}개뿐입니다({2}개 제외). 학습과 교차 검증에는 최소 {3}개가 필요합니다. 지점을 추가하거나 보고서에 나열된 행을 고치십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="472"/>
        <source>{0} points of {1} share their coordinates with another point (rows {2}, ...). Duplicated points inflate cross-validated accuracy: remove them, or average them (duplicates='mean').</source>
        <translation>{1}의 지점 {0}개가 다른 지점과 좌표가 같습니다(행 {2}, ...). 중복 지점은 교차 검증 정확도를 부풀립니다: 제거하거나 평균하십시오(duplicates='mean').</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="477"/>
        <source>Unknown duplicates policy '{0}': use 'error' or 'mean'.</source>
        <translation>알 수 없는 중복 처리 방식 '{0}': 'error' 또는 'mean'을 사용하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="196"/>
        <source>The survey file {0} does not exist. Check the path.</source>
        <translation>설문 파일 {0}이(가) 없습니다. 경로를 확인하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="224"/>
        <source>The survey layer '{0}' has no CRS. Set its CRS (Layer Properties &gt; Source) and run again.</source>
        <translation>설문 레이어 '{0}'에 좌표계가 없습니다. 좌표계를 설정하고(레이어 속성 &gt; 소스) 다시 실행하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="282"/>
        <source>All coordinates of {0} are small numbers (x {1:.3f}..{2:.3f}, y {3:.3f}..{4:.3f}) that look like degrees, but the declared CRS {5} is projected (metres). Declare EPSG:4326 or the right CRS.</source>
        <translation>{0}의 모든 좌표가 도(degree)처럼 보이는 작은 수(x {1:.3f}..{2:.3f}, y {3:.3f}..{4:.3f})인데, 지정된 좌표계 {5}는 투영 좌표계(미터)입니다. EPSG:4326이나 올바른 좌표계를 지정하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="407"/>
        <source>no coordinates (0, 0: missing GPS in DHS)</source>
        <translation>좌표 없음(0, 0: DHS에서 GPS 누락)</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="276"/>
        <source>{0} points of {1} are outside the range of degrees (longitude -180..180, latitude -90..90) although the declared CRS {2} is in degrees (first: x={3}, y={4}).</source>
        <translation>지정된 좌표계 {2}는 도 단위인데 {1}의 지점 {0}개가 도의 범위(경도 -180..180, 위도 -90..90)를 벗어납니다(첫 지점: x={3}, y={4}).</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="409"/>
        <source>no coordinates</source>
        <translation>좌표 없음</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="354"/>
        <source>Row {0} of {1} has a coordinate that is not a number ({2}, {3}). Fix the coordinate columns '{4}'/'{5}'.</source>
        <translation>{1}의 {0}행 좌표가 숫자가 아닙니다({2}, {3}). 좌표 열 '{4}'/'{5}'를 고치십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="374"/>
        <source>Row {0} of {1}: the urban/rural field '{2}' has the value '{3}'; use 1/0, urban/rural or U/R.</source>
        <translation>{1}의 {0}행: 도시/농촌 필드 '{2}'의 값이 '{3}'입니다. 1/0, urban/rural 또는 U/R을 사용하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/survey.py" line="387"/>
        <source>Row {0} of {1}: the extra feature '{2}' has the value '{3}', which is not a number. Only numeric columns can be features.</source>
        <translation>{1}의 {0}행: 추가 특징 '{2}'의 값 '{3}'은(는) 숫자가 아닙니다. 숫자 열만 특징이 될 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="224"/>
        <source>A newly trained model is 'trained'; mark it 'validated' yourself only after independent checks.</source>
        <translation>새로 학습한 모델의 상태는 'trained'입니다. 독립적인 확인을 거친 뒤에만 직접 'validated'로 표시하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="249"/>
        <source>the survey points</source>
        <translation>조사 지점</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="102"/>
        <source>The maximum tree depth must be at least 1, or empty for no limit.</source>
        <translation>최대 트리 깊이는 1 이상이어야 합니다. 제한이 없으면 비워 두세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="77"/>
        <source>With latitude and longitude swapped, {0} of the points would fall on the rasters: check which column is which (lat_field / lon_field).</source>
        <translation>위도와 경도를 바꾸면 {0}개의 점이 래스터 위에 놓입니다. 어느 열이 위도이고 경도인지 확인하세요(lat_field / lon_field).</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="234"/>
        <source>The value field '{0}' has the same value ({1:g}) at every point: there is nothing to learn. Pick the field with the wealth index.</source>
        <translation>값 필드 '{0}'이(가) 모든 점에서 같은 값({1:g})이라 학습할 것이 없습니다. 부 지수가 있는 필드를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="275"/>
        <source>no value of the covariate(s) {0} around the point</source>
        <translation>지점 주변에 공변량 {0}의 값이 없음</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="295"/>
        <source>{0} points got non-finite features (all pixels invalid for one index?). Check the rasters' nodata value.</source>
        <translation>지점 {0}개의 특징이 유한하지 않습니다(한 지수의 모든 픽셀이 무효?). 래스터의 nodata 값을 확인하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="364"/>
        <source>The exported ONNX head differs from the trained forest (max {0:.3g}); please report this bug.</source>
        <translation>내보낸 ONNX 헤드가 학습한 포레스트와 다릅니다(최대 {0:.3g}). 이 버그를 보고해 주십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="417"/>
        <source>Random-forest head trained on {0} survey points ({1}) with the embedder of {2}; cross-validated metrics in 'metrics'.</source>
        <translation>{2}의 임베더로 조사 지점 {0}개({1})에서 학습한 랜덤 포레스트 헤드입니다. 교차검증 지표는 'metrics'에 있습니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="98"/>
        <source>The forest needs at least 1 tree and at least 1 point per leaf (got {0} trees, {1} per leaf); 200 and 3 are usual.</source>
        <translation>포레스트에는 트리 1개 이상, 잎당 점 1개 이상이 필요합니다(입력값: 트리 {0}개, 잎당 {1}개). 보통 200과 3을 씁니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="104"/>
        <source>The number of PCA components cannot be negative (got {0}).</source>
        <translation>PCA 성분 수는 음수일 수 없습니다(입력값 {0}).</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="109"/>
        <source>max_features must be a share of the features in (0, 1], a whole number of features, 'sqrt', 'log2' or None (got {0!r}).</source>
        <translation>max_features는 (0, 1] 범위의 특징 비율, 특징 개수(정수), 'sqrt', 'log2' 또는 None이어야 합니다(입력값 {0!r}).</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="287"/>
        <source>Only {0} of {1} survey points have usable imagery (at least {2} are needed). {3} were left out, for example {4}. Use rasters that cover the points, with fewer clouds.</source>
        <translation>설문 지점 {1}개 중 {0}개만 쓸 수 있는 영상이 있습니다(최소 {2}개 필요). {3}개가 제외되었습니다. 예: {4}. 지점을 덮고 구름이 적은 래스터를 사용하십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="398"/>
        <source>Wealth head trained on {0}</source>
        <translation>{0}(으)로 학습한 부 헤드</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="400"/>
        <source>{0} (the survey's value field)</source>
        <translation>{0}(설문의 값 필드)</translation>
    </message>
    <message>
        <location filename="../core/wealth/train.py" line="94"/>
        <source>The forest settings must be whole numbers ({0}).</source>
        <translation>포레스트 설정은 정수여야 합니다({0}).</translation>
    </message>
    <message>
        <location filename="../core/wealth/train_api.py" line="93"/>
        <source>No output folder given for the model bundle. Choose a new or empty folder.</source>
        <translation>모델 번들의 출력 폴더가 없습니다. 새 폴더나 빈 폴더를 고르십시오.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train_api.py" line="162"/>
        <source>Cross-validated r² {0:.3f} (squared r {1:.3f}, RMSE {2:.3f}) on {3} points; best simple baseline ({4}) r² {5:.3f}. Bundle: {6} (status '{7}').</source>
        <translation>교차 검증 r² {0:.3f} (r 제곱 {1:.3f}, RMSE {2:.3f}), 지점 {3}개. 가장 좋은 단순 기준선({4}) r² {5:.3f}. 번들: {6} (상태 '{7}').</translation>
    </message>
    <message>
        <location filename="../core/wealth/train_api.py" line="189"/>
        <source>'blocked': spatial blocks; 'group': leave one group out.</source>
        <translation>'blocked': 공간 블록, 'group': 그룹 하나씩 빼기.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train_api.py" line="191"/>
        <source>5 is usual.</source>
        <translation>보통 5입니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train_api.py" line="108"/>
        <source>model bundle folder</source>
        <translation>모델 번들 폴더</translation>
    </message>
    <message>
        <location filename="../core/wealth/train_api.py" line="196"/>
        <source>50 km is usual.</source>
        <translation>보통 50 km입니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train_api.py" line="107"/>
        <source>feature cache</source>
        <translation>특징 캐시</translation>
    </message>
    <message>
        <location filename="../core/wealth/train_api.py" line="118"/>
        <source>train_wealth_model: a window of {0:g} m needs a context of {1} x {1} chips of {2:g} m, more than {3} per side. Give a smaller window_m (the context is averaged over it; 5,000 to 10,000 m is usual).</source>
        <translation>train_wealth_model: {0:g} m 창에는 {2:g} m 칩 {1} x {1}개의 주변 영역이 필요해 한 변에 {3}개를 넘습니다. 더 작은 window_m을 주세요(주변 영역은 그 안에서 평균하며, 보통 5,000에서 10,000 m입니다).</translation>
    </message>
    <message>
        <location filename="../core/wealth/train_api.py" line="205"/>
        <source>It is the share of the columns each split looks at (0.33 is usual), or a whole number of columns, 'sqrt' or 'log2'.</source>
        <translation>분할마다 살펴보는 열의 비율(보통 0.33), 또는 열의 개수(정수), 'sqrt', 'log2'입니다.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train_api.py" line="214"/>
        <source>train_wealth_model: the parameter 'context_chips' must be an odd number (1, 3, 5...) so that the point's chip is in the middle; got {0}.</source>
        <translation>train_wealth_model: 매개변수 'context_chips'는 지점의 칩이 가운데 오도록 홀수(1, 3, 5...)여야 합니다. 받은 값: {0}.</translation>
    </message>
    <message>
        <location filename="../core/wealth/train_api.py" line="106"/>
        <source>survey</source>
        <translation>조사 자료</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="53"/>
        <source>WealthMap toolbar</source>
        <translation>WealthMap 도구 모음</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="67"/>
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="55"/>
        <location filename="../ui/geocode_dock.py" line="183"/>
        <source>Geocode</source>
        <translation>지오코딩</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="55"/>
        <source>Batch geocode an address table</source>
        <translation>주소 표를 일괄 지오코딩</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="56"/>
        <source>Choropleth and chart maps from a statistics table</source>
        <translation>통계표로 단계구분도와 차트맵 만들기</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="57"/>
        <source>Wealth</source>
        <translation>부(富) 추정</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="57"/>
        <source>Predict a wealth index from Sentinel-2 imagery, or train a model</source>
        <translation>Sentinel-2 영상으로 부 지수를 추정하거나 모델을 학습</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="45"/>
        <source>Install the missing packages...</source>
        <translation>없는 패키지 설치...</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="66"/>
        <location filename="../ui/deps_dialog.py" line="60"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="72"/>
        <location filename="../ui/wealth_predict_widget.py" line="229"/>
        <location filename="../ui/wealth_train_widget.py" line="107"/>
        <source>Ready.</source>
        <translation>준비됨.</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="137"/>
        <source>The Python packages are installed: WealthMap is ready.</source>
        <translation>파이썬 패키지가 설치되었습니다. WealthMap을 사용할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="147"/>
        <source>A job is already running in this panel; wait for it or cancel it.</source>
        <translation>이 패널에서 이미 작업이 실행 중입니다. 끝날 때까지 기다리거나 취소하세요.</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="155"/>
        <source>Cancelled. Run again to resume where it stopped.</source>
        <translation>취소되었습니다. 다시 실행하면 멈춘 곳부터 이어서 처리합니다.</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="171"/>
        <source>Running: {0}</source>
        <translation>실행 중: {0}</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="156"/>
        <source>{0}: cancelled.</source>
        <translation>{0}: 취소됨.</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="162"/>
        <source>Done in {0:.1f} s.</source>
        <translation>{0:.1f}초 만에 완료.</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="31"/>
        <source>WealthMap: Python packages</source>
        <translation>WealthMap: 파이썬 패키지</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="39"/>
        <source>Install from a folder of wheels (no internet needed)</source>
        <translation>휠 폴더에서 설치(인터넷 불필요)</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="57"/>
        <source>Install</source>
        <translation>설치</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="58"/>
        <source>Repair</source>
        <translation>복구</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="59"/>
        <source>Uninstall</source>
        <translation>제거</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="61"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="131"/>
        <source>Installing Python packages</source>
        <translation>파이썬 패키지 설치 중</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="82"/>
        <source>Every package WealthMap needs is installed.</source>
        <translation>WealthMap에 필요한 패키지가 모두 설치되어 있습니다.</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="103"/>
        <source>Choose the folder of wheels first.</source>
        <translation>먼저 휠 폴더를 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="88"/>
        <source>Folder: {0} ({1} packages installed there)</source>
        <translation>폴더: {0} (설치된 패키지 {1}개)</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="79"/>
        <source>Missing: {0}. WealthMap installs them into this QGIS profile for this Python; numpy and GDAL stay as QGIS has them.</source>
        <translation>없는 패키지: {0}. WealthMap은 이 파이썬용으로 이 QGIS 프로필에 설치합니다. numpy와 GDAL은 QGIS에 있는 그대로 둡니다.</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="151"/>
        <source>Removed {0}. {1} stay loaded until QGIS restarts.</source>
        <translation>{0}을(를) 제거했습니다. {1}은(는) QGIS를 다시 시작할 때까지 메모리에 남아 있습니다.</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="154"/>
        <source>Removed {0}.</source>
        <translation>{0}을(를) 제거했습니다.</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="127"/>
        <source>Installed. The packages are ready to use: no restart needed.</source>
        <translation>설치했습니다. 바로 사용할 수 있으며 다시 시작할 필요가 없습니다.</translation>
    </message>
    <message>
        <location filename="../ui/deps_dialog.py" line="124"/>
        <source>pip finished, but these still cannot be imported: {0}. Restart QGIS; if they are still missing, use Repair.</source>
        <translation>pip는 끝났지만 다음을 아직 가져올 수 없습니다: {0}. QGIS를 다시 시작하고, 그래도 없으면 복구를 사용하십시오.</translation>
    </message>
    <message>
        <location filename="../ui/encoding_choice.py" line="21"/>
        <source>Which encoding?</source>
        <translation>어떤 인코딩입니까?</translation>
    </message>
    <message>
        <location filename="../ui/encoding_choice.py" line="22"/>
        <source>Read the file as:</source>
        <translation>파일을 다음 인코딩으로 읽기:</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="54"/>
        <source>All rows</source>
        <translation>모든 행</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="54"/>
        <source>Ambiguous and unmatched</source>
        <translation>모호하거나 찾지 못한 행</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="55"/>
        <source>Errors</source>
        <translation>오류</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="66"/>
        <source>WealthMap: Geocode</source>
        <translation>WealthMap: 지오코딩</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="76"/>
        <source>Batch geocoding of address tables.</source>
        <translation>주소 표 일괄 지오코딩.</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="99"/>
        <source>WealthMap geocoder (offline)</source>
        <translation>WealthMap 지오코더(오프라인)</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="107"/>
        <source>Addresses</source>
        <translation>주소</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="113"/>
        <source>Open table…</source>
        <translation>표 열기…</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="114"/>
        <source>CSV (UTF-8 or CP949/EUC-KR), XLSX or any vector file</source>
        <translation>CSV(UTF-8 또는 CP949/EUC-KR), XLSX 또는 모든 벡터 파일</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="118"/>
        <source>Table or layer</source>
        <translation>표 또는 레이어</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="120"/>
        <source>One or several fields, joined with commas</source>
        <translation>하나 이상의 필드, 쉼표로 연결</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="123"/>
        <source>Instead of fields: a QGIS expression that builds the address</source>
        <translation>필드 대신: 주소를 만드는 QGIS 표현식</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="124"/>
        <source>Or expression</source>
        <translation>또는 표현식</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="138"/>
        <source>Service</source>
        <translation>서비스</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="140"/>
        <source>Address index (*.sqlite)</source>
        <translation>주소 색인 (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="141"/>
        <source>Built with 'Build offline address index'; the world gazetteer is always used</source>
        <translation>'오프라인 주소 색인 만들기'로 만든 파일; 세계 지명 사전은 항상 사용됩니다</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="144"/>
        <location filename="../ui/geocode_dock.py" line="416"/>
        <source>Build index…</source>
        <translation>색인 만들기…</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="145"/>
        <source>Build an address index from an OpenStreetMap file (.osm.pbf, .osm) or a table or layer of address points (address and lon/lat fields)</source>
        <translation>OpenStreetMap 파일(.osm.pbf, .osm)이나 주소 점 표·레이어(주소와 경도/위도 필드)로 주소 색인을 만듭니다</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="150"/>
        <source>Address index</source>
        <translation>주소 색인</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="153"/>
        <source>Endpoint URL</source>
        <translation>엔드포인트 URL</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="155"/>
        <source>The API key is kept in QGIS's authentication database (method Basic, key as password), never in settings or projects.</source>
        <translation>API 키는 설정이나 프로젝트가 아닌 QGIS 인증 데이터베이스(방식 Basic, 키를 비밀번호로)에 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="157"/>
        <source>API key</source>
        <translation>API 키</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="159"/>
        <source>e.g. kr, li</source>
        <translation>예: kr, li</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="160"/>
        <source>Country codes</source>
        <translation>국가 코드</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="161"/>
        <source>Only in the current map extent</source>
        <translation>현재 지도 범위 안에서만</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="172"/>
        <location filename="../ui/wealth_predict_widget.py" line="205"/>
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="176"/>
        <location filename="../ui/wealth_predict_widget.py" line="204"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="177"/>
        <source>Output file</source>
        <translation>출력 파일</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="181"/>
        <source>Also write the unmatched rows to a CSV file</source>
        <translation>찾지 못한 행도 CSV 파일로 저장</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="192"/>
        <source>Review</source>
        <translation>검토</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="199"/>
        <source>Show</source>
        <translation>표시</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="212"/>
        <source>Candidates</source>
        <translation>후보</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="214"/>
        <source>Use candidate</source>
        <translation>후보 사용</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="216"/>
        <source>Place on map</source>
        <translation>지도에서 지정</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="218"/>
        <source>Click on the map to place the selected row's point by hand</source>
        <translation>지도를 클릭해 선택한 행의 점을 직접 지정합니다</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="233"/>
        <location filename="../ui/geocode_dock.py" line="201"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="233"/>
        <location filename="../ui/geocode_dock.py" line="201"/>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="252"/>
        <source>Open an address table</source>
        <translation>주소 표 열기</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="253"/>
        <source>Tables (*.csv *.txt *.tsv *.xlsx *.xls *.ods *.gpkg *.shp)</source>
        <translation>표 (*.csv *.txt *.tsv *.xlsx *.xls *.ods *.gpkg *.shp)</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="414"/>
        <source>Street addresses need an address index.</source>
        <translation>도로명 주소에는 주소 색인이 필요합니다.</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="459"/>
        <source>Build an address index from…</source>
        <translation>주소 색인 만들 원본…</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="460"/>
        <source>OpenStreetMap or address points (*.osm.pbf *.pbf *.osm *.csv *.txt *.tsv *.xlsx *.gpkg *.shp)</source>
        <translation>OpenStreetMap 또는 주소 점 (*.osm.pbf *.pbf *.osm *.csv *.txt *.tsv *.xlsx *.gpkg *.shp)</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="508"/>
        <source>Building the address index</source>
        <translation>주소 색인 만드는 중</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="611"/>
        <source>Saved the reviewed point; the cache remembers it for later runs.</source>
        <translation>검토한 점을 저장했습니다. 이후 실행에서도 캐시가 기억합니다.</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="635"/>
        <source>placed by hand</source>
        <translation>직접 지정함</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="201"/>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="201"/>
        <source>Matched address</source>
        <translation>일치한 주소</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="202"/>
        <source>Read as</source>
        <translation>인식된 주소</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="337"/>
        <source>Choose a table or layer with addresses first.</source>
        <translation>먼저 주소가 있는 표나 레이어를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="440"/>
        <source>From an OpenStreetMap file or a table…</source>
        <translation>OpenStreetMap 파일이나 표에서…</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="513"/>
        <source>Address index built: {0} rows in {1}. It is now the panel's address index: run Geocode again.</source>
        <translation>주소 색인을 만들었습니다: {1}에 {0}개 행. 이제 이 패널의 주소 색인입니다. 지오코딩을 다시 실행하세요.</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="600"/>
        <source>Select a row and one of its candidates first.</source>
        <translation>먼저 행과 그 후보 하나를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="633"/>
        <source>Select the row to place first.</source>
        <translation>먼저 지정할 행을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="354"/>
        <source>Geocoding {0}</source>
        <translation>{0} 지오코딩 중</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="363"/>
        <source>Geocoding: {0:.0f}% done, about {1:.0f} s left.</source>
        <translation>지오코딩: {0:.0f}% 완료, 약 {1:.0f}초 남음.</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="499"/>
        <source>The layer was removed; choose another source for the index.</source>
        <translation>레이어가 제거되었습니다. 색인을 만들 다른 원본을 고르세요.</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="448"/>
        <source>From the point layer '{0}'</source>
        <translation>점 레이어 '{0}'에서</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="488"/>
        <source>No address field in {0}: name the field with the address 'address' (or build the index with Processing &gt; WealthMap &gt; Build offline address index).</source>
        <translation>{0}에 주소 필드가 없습니다. 주소가 든 필드 이름을 'address'로 하세요(또는 프로세싱 &gt; WealthMap &gt; 오프라인 주소 색인 만들기로 색인을 만드세요).</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="40"/>
        <source>Default geocoding provider</source>
        <translation>기본 지오코딩 제공자</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="42"/>
        <source>In the QGIS profile</source>
        <translation>QGIS 프로필 안</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="43"/>
        <source>Geocoding cache folder</source>
        <translation>지오코딩 캐시 폴더</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="47"/>
        <source>HTTP timeout (s)</source>
        <translation>HTTP 제한 시간 (초)</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="51"/>
        <source>HTTP retries</source>
        <translation>HTTP 재시도 횟수</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="55"/>
        <source>Map export resolution (DPI)</source>
        <translation>지도 내보내기 해상도 (DPI)</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="59"/>
        <source>Ask before predicting more chips than</source>
        <translation>이보다 많은 칩을 추정하기 전에 확인</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="64"/>
        <source>Skip chips with a cloud fraction above</source>
        <translation>구름 비율이 이보다 높은 칩 건너뛰기</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="69"/>
        <source>Skip chips with a valid fraction below</source>
        <translation>유효 화소 비율이 이보다 낮은 칩 건너뛰기</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="70"/>
        <source>Use CUDA for inference when available</source>
        <translation>가능하면 추론에 CUDA 사용</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="30"/>
        <source>Offline index</source>
        <translation>오프라인 색인</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="41"/>
        <source>Sentinel-2 L2A imagery from a STAC catalogue: only the windows needed are read.</source>
        <translation>STAC 카탈로그의 Sentinel-2 L2A 영상: 필요한 창만 읽습니다.</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="48"/>
        <source>A built-in catalogue or the URL of any STAC API</source>
        <translation>기본 제공 카탈로그 또는 임의 STAC API의 URL</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="49"/>
        <source>Catalogue</source>
        <translation>카탈로그</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="51"/>
        <source>Authentication</source>
        <translation>인증</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="59"/>
        <source>Dates</source>
        <translation>기간</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="64"/>
        <source>Cloud cover at most</source>
        <translation>최대 운량</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="66"/>
        <source>all months (or e.g. 6,7,8)</source>
        <translation>모든 월 (또는 예: 6,7,8)</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="67"/>
        <source>Season</source>
        <translation>계절</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="69"/>
        <source>Search the map extent</source>
        <translation>지도 범위에서 검색</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="90"/>
        <source>Mask</source>
        <translation>마스크</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="92"/>
        <source>Make composite of the map extent</source>
        <translation>지도 범위의 합성 영상 만들기</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="99"/>
        <location filename="../ui/wealth_train_widget.py" line="45"/>
        <source>Survey points</source>
        <translation>설문 지점</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="110"/>
        <location filename="../ui/stac_widget.py" line="222"/>
        <source>Train from STAC</source>
        <translation>STAC로 학습</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="154"/>
        <source>Search STAC</source>
        <translation>STAC 검색</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="233"/>
        <source>Model trained from STAC imagery.</source>
        <translation>STAC 영상으로 모델을 학습했습니다.</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="73"/>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="73"/>
        <source>Tile</source>
        <translation>타일</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="73"/>
        <source>Cloud %</source>
        <translation>운량 %</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="73"/>
        <source>Coverage %</source>
        <translation>피복률 %</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="84"/>
        <source>clouds</source>
        <translation>구름</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="84"/>
        <source>shadows</source>
        <translation>그림자</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="85"/>
        <source>cirrus</source>
        <translation>권운</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="85"/>
        <source>snow</source>
        <translation>눈</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="138"/>
        <source>Zoom the map to the region first (the map extent is the region).</source>
        <translation>먼저 지도를 영역으로 확대하세요 (지도 범위가 영역입니다).</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="191"/>
        <source>Composite of {0} items ({1}); {2} windows, {3} from the cache, {4} not clear or failed; {5} requests, {6:.1f} MB read.</source>
        <translation>항목 {0}개({1})의 합성 영상; 창 {2}개, 캐시 {3}개, 맑지 않거나 실패 {4}개; 요청 {5}회, {6:.1f} MB 읽음.</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="205"/>
        <source>Choose a survey point layer.</source>
        <translation>조사 지점 레이어를 고르세요.</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="207"/>
        <location filename="../ui/wealth_train_widget.py" line="226"/>
        <source>Choose a folder for the model bundle.</source>
        <translation>모델 번들을 저장할 폴더를 고르십시오.</translation>
    </message>
    <message>
        <location filename="../ui/stac_widget.py" line="227"/>
        <source>Cross-validated r² {0:.3f} on {1} points; point imagery: {2} ({3} windows, {4} from the cache; {5} requests, {6:.1f} MB read). Bundle: {7}</source>
        <translation>교차 검증 r² {0:.3f}, 지점 {1}개; 지점 영상: {2} (창 {3}개, 캐시 {4}개; 요청 {5}회, {6:.1f} MB 읽음). 번들: {7}</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="49"/>
        <source>WealthMap: Thematic maps</source>
        <translation>WealthMap: 주제도</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="56"/>
        <source>Choropleth and chart maps from statistics tables.</source>
        <translation>통계표로 만드는 단계구분도와 차트맵.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="72"/>
        <source>1. Join a table</source>
        <translation>1. 표 결합</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="82"/>
        <source>Keep the first row of duplicate keys</source>
        <translation>중복 키는 첫 행 유지</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="83"/>
        <source>Pick a layer, a table and the key of each.</source>
        <translation>레이어, 표, 각각의 키를 고르세요.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="85"/>
        <source>Join</source>
        <translation>결합</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="87"/>
        <source>Layer key</source>
        <translation>레이어 키</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="88"/>
        <source>Table</source>
        <translation>표</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="89"/>
        <source>Table key</source>
        <translation>표 키</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="101"/>
        <source>2. Choropleth</source>
        <translation>2. 단계구분도</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="113"/>
        <source>Divide by area (km²)</source>
        <translation>면적으로 나누기 (km²)</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="126"/>
        <source>Manual breaks, e.g. 10, 50, 100</source>
        <translation>수동 구간, 예: 10, 50, 100</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="130"/>
        <source>✓: colour-blind safe (ColorBrewer)</source>
        <translation>✓: 색각 이상자도 구별 가능 (ColorBrewer)</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="132"/>
        <source>Reverse colours</source>
        <translation>색상 뒤집기</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="136"/>
        <source>Apply choropleth</source>
        <translation>단계구분도 적용</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="141"/>
        <source>Layer</source>
        <translation>레이어</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="145"/>
        <source>Multiplier</source>
        <translation>배율</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="146"/>
        <source>Method</source>
        <translation>방법</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="147"/>
        <source>Classes</source>
        <translation>등급</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="152"/>
        <source>Colours</source>
        <translation>색상</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="165"/>
        <source>3. Chart map</source>
        <translation>3. 차트맵</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="173"/>
        <source>Same size for every chart</source>
        <translation>모든 차트를 같은 크기로</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="178"/>
        <source>Apply chart map</source>
        <translation>차트맵 적용</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="182"/>
        <source>Largest chart size</source>
        <translation>가장 큰 차트 크기</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="190"/>
        <source>4. Bivariate map (3 x 3)</source>
        <translation>4. 이변량 지도 (3 x 3)</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="203"/>
        <source>Apply bivariate map</source>
        <translation>이변량 지도 적용</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="205"/>
        <source>First field (columns)</source>
        <translation>첫째 필드 (열)</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="206"/>
        <source>Second field (rows)</source>
        <translation>둘째 필드 (행)</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="214"/>
        <source>5. Export map</source>
        <translation>5. 지도 내보내기</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="218"/>
        <source>e.g. Source: KOSIS, 2024</source>
        <translation>예: 출처: KOSIS, 2024</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="224"/>
        <source>PNG and PDF (*.png)</source>
        <translation>PNG와 PDF (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="225"/>
        <source>Also write a PDF</source>
        <translation>PDF도 쓰기</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="227"/>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="231"/>
        <source>PNG file</source>
        <translation>PNG 파일</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="200"/>
        <source>Pink-blue</source>
        <translation>분홍-파랑</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="200"/>
        <source>Green-blue</source>
        <translation>초록-파랑</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="201"/>
        <source>Purple-gold</source>
        <translation>보라-금색</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="344"/>
        <source>Keys: {0} of {1} layer keys match {2} table keys; {3} table keys have no feature.</source>
        <translation>키: 레이어 키 {1}개 중 {0}개가 표 키 {2}개와 일치; 표 키 {3}개는 피처가 없습니다.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="359"/>
        <source>Pick a boundary layer and a table file first.</source>
        <translation>먼저 경계 레이어와 표 파일을 고르세요.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="460"/>
        <source>Pick a polygon layer and a value field first.</source>
        <translation>먼저 폴리곤 레이어와 값 필드를 고르세요.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="480"/>
        <source>Styled {0}: {1} classes, goodness of variance fit {2:.3f}.</source>
        <translation>{0}에 스타일 적용: 등급 {1}개, 분산 적합도 {2:.3f}.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="486"/>
        <source>This colour ramp is not colour-blind safe for this many classes.</source>
        <translation>이 색상 램프는 이 등급 수에서 색각 이상자가 구별하기 어렵습니다.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="533"/>
        <location filename="../ui/thematic_dock.py" line="551"/>
        <source>Pick a polygon layer first.</source>
        <translation>먼저 폴리곤 레이어를 고르세요.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="578"/>
        <source>Pick a layer and a PNG file to export to.</source>
        <translation>레이어와 내보낼 PNG 파일을 고르세요.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="381"/>
        <source>Join {0}</source>
        <translation>{0} 결합</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="454"/>
        <source>{0} classes, goodness of variance fit {1:.3f}; counts {2}.</source>
        <translation>등급 {0}개, 분산 적합도 {1:.3f}; 개수 {2}.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="544"/>
        <source>Charts added to {0}.</source>
        <translation>{0}에 차트를 추가했습니다.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="567"/>
        <source>Bivariate map applied to {0}.</source>
        <translation>{0}에 이변량 지도를 적용했습니다.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="590"/>
        <source>Exported: {0}</source>
        <translation>내보냄: {0}</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="349"/>
        <source>Encoding: {0}.</source>
        <translation>인코딩: {0}.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="483"/>
        <source>{0} features have a zero or NULL denominator (shown as No data).</source>
        <translation>피처 {0}개의 분모가 0이거나 NULL입니다 (자료 없음으로 표시).</translation>
    </message>
    <message>
        <location filename="../ui/thematic_histogram.py" line="23"/>
        <source>Distribution of the values; vertical lines are the class breaks.</source>
        <translation>값의 분포; 세로선은 등급 구간입니다.</translation>
    </message>
    <message>
        <location filename="../ui/thematic_histogram.py" line="40"/>
        <source>No values to preview.</source>
        <translation>미리 볼 값이 없습니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_dock.py" line="18"/>
        <source>WealthMap: Wealth</source>
        <translation>WealthMap: 부(富) 추정</translation>
    </message>
    <message>
        <location filename="../ui/wealth_dock.py" line="19"/>
        <source>Wealth index from Sentinel-2 imagery.</source>
        <translation>Sentinel-2 영상으로 추정한 부 지수.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_dock.py" line="24"/>
        <location filename="../ui/wealth_predict_widget.py" line="221"/>
        <source>Predict</source>
        <translation>추정</translation>
    </message>
    <message>
        <location filename="../ui/wealth_dock.py" line="25"/>
        <location filename="../ui/wealth_train_widget.py" line="94"/>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <location filename="../ui/wealth_dock.py" line="26"/>
        <source>Imagery (STAC)</source>
        <translation>영상 (STAC)</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="54"/>
        <source>ok</source>
        <translation>정상</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="54"/>
        <source>cloudy</source>
        <translation>구름</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="54"/>
        <source>no data</source>
        <translation>자료 없음</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="44"/>
        <source>Draw a rectangle on the map</source>
        <translation>지도에 사각형 그리기</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="45"/>
        <source>Draw a polygon on the map (right-click ends)</source>
        <translation>지도에 폴리곤 그리기(오른쪽 클릭으로 끝)</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="46"/>
        <source>Selected features of a polygon layer</source>
        <translation>폴리곤 레이어의 선택된 피처</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="47"/>
        <source>Extent of a layer</source>
        <translation>레이어 범위</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="48"/>
        <source>Current map extent</source>
        <translation>현재 지도 범위</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="49"/>
        <source>Whole raster</source>
        <translation>래스터 전체</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="153"/>
        <source>The Sentinel-2 raster (L2A reflectance, bands B02, B03, B04, B08, B11, B12...)</source>
        <translation>Sentinel-2 래스터 (L2A 반사율, 밴드 B02, B03, B04, B08, B11, B12...)</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="154"/>
        <source>Raster</source>
        <translation>래스터</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="158"/>
        <source>Other raster layers to mosaic with the raster above, for a region across several tiles or products. The raster above wins where they overlap.</source>
        <translation>위 래스터와 모자이크할 다른 래스터 레이어입니다. 여러 타일이나 제품에 걸친 지역에 씁니다. 겹치는 곳은 위 래스터를 씁니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="160"/>
        <source>Mosaic with</source>
        <translation>모자이크할 래스터</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="172"/>
        <source>Region layer</source>
        <translation>영역 레이어</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="174"/>
        <source>Draw</source>
        <translation>그리기</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="176"/>
        <location filename="../ui/wealth_predict_widget.py" line="263"/>
        <source>No region drawn yet.</source>
        <translation>아직 그린 영역이 없습니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="183"/>
        <source>A model bundle folder (manifest.json and ONNX files); empty: the bundled demonstration model</source>
        <translation>모델 번들 폴더(manifest.json과 ONNX 파일). 비우면 내장 시연 모델</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="195"/>
        <source>Covariates</source>
        <translation>공변량</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="198"/>
        <source>from the band names</source>
        <translation>밴드 이름으로</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="199"/>
        <source>Empty: the bands are found by their names. Else the band numbers, e.g. B02=1, B03=2, B04=3, B08=4, B11=5, B12=6</source>
        <translation>비우면 밴드 이름으로 찾습니다. 아니면 밴드 번호, 예: B02=1, B03=2, B04=3, B08=4, B11=5, B12=6</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="206"/>
        <source>Temporary file (not kept)</source>
        <translation>임시 파일(보관하지 않음)</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="211"/>
        <source>GeoTIFF (*.tif)</source>
        <translation>GeoTIFF (*.tif)</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="212"/>
        <source>Also a GeoTIFF (optional): one Float32 pixel per chip</source>
        <translation>GeoTIFF도 (선택): 칩마다 Float32 화소 하나</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="214"/>
        <source>Use CUDA (GPU) when available</source>
        <translation>가능하면 CUDA(GPU) 사용</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="288"/>
        <source>Show in true colour</source>
        <translation>실제 색으로 보기</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="382"/>
        <source>Draw the region on the map.</source>
        <translation>지도에 영역을 그리십시오.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="476"/>
        <source>Large region</source>
        <translation>큰 영역</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="503"/>
        <source>Predict wealth</source>
        <translation>부 지수 추정</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="62"/>
        <source>Chips: {0} used, {1} skipped ({2}); region {3:.1f} km².</source>
        <translation>칩: 사용 {0}개, 건너뜀 {1}개({2}); 영역 {3:.1f} km².</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="64"/>
        <source>Mean {0:.4g}, median {1:.4g} ({2}).</source>
        <translation>평균 {0:.4g}, 중앙값 {1:.4g}({2}).</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="65"/>
        <source>Output: {0}</source>
        <translation>출력: {0}</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="245"/>
        <source>onnxruntime has no CUDA provider here; the CPU is used.</source>
        <translation>이곳의 onnxruntime에는 CUDA 공급자가 없어 CPU를 사용합니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="273"/>
        <source>Region drawn: {0} vertices, {1}.</source>
        <translation>영역을 그렸습니다: 꼭짓점 {0}개, {1}.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="424"/>
        <source>Choose the polygon layer of the region.</source>
        <translation>영역의 폴리곤 레이어를 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="460"/>
        <source>Choose a Sentinel-2 raster layer (add one to the project first).</source>
        <translation>Sentinel-2 래스터 레이어를 선택하십시오(먼저 프로젝트에 추가).</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="464"/>
        <source>Choose the output GeoPackage or tick 'Temporary file'.</source>
        <translation>출력 GeoPackage를 선택하거나 '임시 파일'을 체크하십시오.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="521"/>
        <source>Prediction done with a demonstration model, not a wealth estimate.</source>
        <translation>시연용 모델로 추정을 마쳤습니다. 부 추정치가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="65"/>
        <source> (temporary)</source>
        <translation> (임시)</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="68"/>
        <source>Read the Sentinel-2 product {0} (all its bands, stacked at 10 m; reflectance = DN x {1:g} {2:+g}).</source>
        <translation>Sentinel-2 제품 {0}을(를) 읽었습니다 (모든 밴드를 10 m로 묶음, 반사율 = DN x {1:g} {2:+g}).</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="286"/>
        <source>'{0}' is Sentinel-2 shown in false colour (bands 1, 2, 3 as red, green, blue).</source>
        <translation>'{0}'은(는) 위색(밴드 1, 2, 3을 빨강, 초록, 파랑)으로 보이는 Sentinel-2입니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="414"/>
        <source>Draw a region on the map first (press Draw, then drag a rectangle or click a polygon).</source>
        <translation>먼저 지도에 영역을 그리십시오('그리기'를 누른 뒤 사각형을 끌거나 폴리곤을 클릭).</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="477"/>
        <source>The region needs {0} chips, more than the limit of {1} (WealthMap setting max_chips). Predict anyway?</source>
        <translation>영역에 칩 {0}개가 필요해 제한 {1}개(WealthMap 설정 max_chips)를 넘습니다. 그래도 추정할까요?</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="502"/>
        <source>Predicting {0} chips…</source>
        <translation>칩 {0}개 추정 중…</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="524"/>
        <source>Prediction done with a weak model: it does not beat a simple baseline (see its training report).</source>
        <translation>약한 모델로 예측했습니다: 단순 기준선보다 낫지 않습니다(학습 보고서 참조).</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="342"/>
        <source>The raster for the covariate '{0}' ({1}, band {2}, {3}) the model was trained with.</source>
        <translation>모델 학습에 쓴 공변량 '{0}'({1}, 밴드 {2}, {3})의 래스터.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="265"/>
        <source>The whole raster is predicted.</source>
        <translation>래스터 전체를 예측합니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="266"/>
        <source>The current map extent is predicted.</source>
        <translation>현재 지도 범위를 예측합니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="267"/>
        <source>The extent of the region layer is predicted.</source>
        <translation>영역 레이어의 범위를 예측합니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="268"/>
        <source>The selected features of the region layer are predicted.</source>
        <translation>영역 레이어에서 선택한 피처를 예측합니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_predict_widget.py" line="498"/>
        <source>Not run: {0} chips is more than the limit of {1}.</source>
        <translation>실행하지 않음: 칩 {0}개는 제한 {1}개보다 많습니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_run_options.py" line="13"/>
        <source>In this process (default)</source>
        <translation>이 프로세스에서 (기본값)</translation>
    </message>
    <message>
        <location filename="../ui/wealth_run_options.py" line="14"/>
        <source>Local worker processes (Dask)</source>
        <translation>로컬 작업자 프로세스 (Dask)</translation>
    </message>
    <message>
        <location filename="../ui/wealth_run_options.py" line="15"/>
        <source>Dask cluster at an address</source>
        <translation>주소로 지정한 Dask 클러스터</translation>
    </message>
    <message>
        <location filename="../ui/wealth_run_options.py" line="20"/>
        <source>Advanced: where to run</source>
        <translation>고급: 실행 위치</translation>
    </message>
    <message>
        <location filename="../ui/wealth_run_options.py" line="26"/>
        <source>Run on</source>
        <translation>실행 위치</translation>
    </message>
    <message>
        <location filename="../ui/wealth_run_options.py" line="32"/>
        <source>Worker processes</source>
        <translation>작업자 프로세스 수</translation>
    </message>
    <message>
        <location filename="../ui/wealth_run_options.py" line="35"/>
        <source>Scheduler address</source>
        <translation>스케줄러 주소</translation>
    </message>
    <message>
        <location filename="../ui/wealth_run_options.py" line="78"/>
        <source>Give the Dask scheduler's address (e.g. tcp://host:8786) under Advanced, or run in this process.</source>
        <translation>고급 항목에 Dask 스케줄러 주소(예: tcp://host:8786)를 입력하거나 이 프로세스에서 실행하십시오.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_run_options.py" line="58"/>
        <source>The region is predicted here, as one job.</source>
        <translation>영역을 여기에서 하나의 작업으로 예측합니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_run_options.py" line="60"/>
        <source>The region is cut into tiles run in parallel; the finished tiles are kept beside the output, so a cancelled or failed run resumes where it stopped when run again. On one machine this is faster only with more cores than two.</source>
        <translation>영역을 타일로 나누어 병렬로 실행합니다. 완료된 타일은 결과 옆에 보관되므로, 취소되거나 실패한 실행은 다시 실행하면 멈춘 곳부터 이어집니다. 한 컴퓨터에서는 코어가 두 개보다 많을 때만 더 빠릅니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="37"/>
        <source>Train your own wealth head on survey points (for example DHS clusters). Accuracy is cross-validated on held-out areas or countries, next to simple baselines.</source>
        <translation>설문 지점(예: DHS 클러스터)으로 직접 부 헤드를 학습합니다. 정확도는 제외된 지역이나 국가로 교차 검증하며 단순 기준선과 함께 보여 줍니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="47"/>
        <source>Tables (*.csv *.txt *.tsv *.xlsx *.ods *.gpkg)</source>
        <translation>표 (*.csv *.txt *.tsv *.xlsx *.ods *.gpkg)</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="48"/>
        <source>or survey table</source>
        <translation>또는 설문 표</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="52"/>
        <source>detected (country, region, ...)</source>
        <translation>자동 감지(country, region, ...)</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="53"/>
        <source>Group field</source>
        <translation>그룹 필드</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="55"/>
        <source>detected (urban_rural, urban, ...)</source>
        <translation>자동 감지(urban_rural, urban, ...)</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="66"/>
        <source>automatic (50 km, smaller for a small survey area)</source>
        <translation>자동(50 km, 조사 범위가 좁으면 더 작게)</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="69"/>
        <source>Spatial block size</source>
        <translation>공간 블록 크기</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="80"/>
        <source>Rasters sampled over each point's context window as extra features (any CRS and resolution). Prediction with the model will need them.</source>
        <translation>각 지점의 맥락 창에서 추출해 특성으로 더할 래스터(좌표계와 해상도 무관). 이 모델로 예측할 때 필요합니다.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="82"/>
        <source>Covariate rasters</source>
        <translation>공변량 래스터</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="84"/>
        <source>layer names of counts to sum (e.g. population); others: mean</source>
        <translation>합계를 낼 개수 레이어 이름(예: 인구), 나머지는 평균</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="85"/>
        <source>Summed covariates</source>
        <translation>합계 공변량</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="87"/>
        <source>empty: each group in turn</source>
        <translation>비우면: 그룹마다 차례로</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="88"/>
        <source>Out-of-region test groups</source>
        <translation>지역 외 검증 그룹</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="96"/>
        <source>Open report</source>
        <translation>보고서 열기</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="233"/>
        <source>Train wealth model</source>
        <translation>부 모델 학습</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="222"/>
        <source>Choose a survey point layer or a table file.</source>
        <translation>설문 점 레이어나 표 파일을 고르십시오.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="224"/>
        <source>Add Sentinel-2 rasters to the project and check them in the list.</source>
        <translation>프로젝트에 Sentinel-2 래스터를 추가하고 목록에서 선택하십시오.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="247"/>
        <source>Model trained, but weak: it does not beat the best simple baseline. Open the report before using it.</source>
        <translation>모델을 학습했지만 약합니다: 가장 좋은 단순 기준선보다 낫지 않습니다. 쓰기 전에 보고서를 여세요.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="251"/>
        <source>Model trained; open the report to see its accuracy.</source>
        <translation>모델을 학습했습니다. 보고서를 열어 정확도를 확인하십시오.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_train_widget.py" line="181"/>
        <source>The survey layer '{0}' could not be read: {1}</source>
        <translation>조사 레이어 '{0}'을(를) 읽을 수 없습니다: {1}</translation>
    </message>
</context>
</TS>
