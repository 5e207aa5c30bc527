<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>WealthMap</name>
    <message>
        <location filename="../core/deps.py" line="17"/>
        <source>all computations</source>
        <translation>모든 계산</translation>
    </message>
    <message>
        <location filename="../core/deps.py" line="18"/>
        <source>training wealth models and statistics</source>
        <translation>부 모델 학습과 통계</translation>
    </message>
    <message>
        <location filename="../core/deps.py" line="19"/>
        <source>wealth prediction (running the ONNX models)</source>
        <translation>부 추정 (ONNX 모델 실행)</translation>
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
        <location filename="../core/deps.py" line="69"/>
        <source>WealthMap needs Python packages that are not installed: {0}. Install them for the Python that QGIS uses, then restart QGIS: {1}</source>
        <translation>WealthMap에 필요한 파이썬 패키지가 설치되어 있지 않습니다: {0}. QGIS가 사용하는 파이썬에 설치한 뒤 QGIS를 다시 시작하세요: {1}</translation>
    </message>
    <message>
        <location filename="../core/tables.py" line="81"/>
        <source>The table {0} is empty: it has no header row.</source>
        <translation>표 {0}이(가) 비어 있습니다: 머리글 행이 없습니다.</translation>
    </message>
    <message>
        <location filename="../core/tables.py" line="96"/>
        <source>The table file {0} does not exist. Check the path.</source>
        <translation>표 파일 {0}이(가) 없습니다. 경로를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/tables.py" line="98"/>
        <source>The table file {0} is empty (0 bytes).</source>
        <translation>표 파일 {0}이(가) 비어 있습니다 (0바이트).</translation>
    </message>
    <message>
        <location filename="../core/tables.py" line="136"/>
        <source>Could not read {0} as a table. Supported: CSV/TXT (UTF-8 or CP949/EUC-KR), XLSX/ODS, and any file QGIS opens as a vector layer.</source>
        <translation>{0}을(를) 표로 읽을 수 없습니다. 지원 형식: CSV/TXT (UTF-8 또는 CP949/EUC-KR), XLSX/ODS, QGIS가 벡터 레이어로 여는 모든 파일.</translation>
    </message>
    <message>
        <location filename="../core/tables.py" line="140"/>
        <source>The table {0} has no columns. Check that its first row is a header.</source>
        <translation>표 {0}에 열이 없습니다. 첫 행이 머리글인지 확인하세요.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="118"/>
        <source>Cancelled by the user; the work done so far is kept.</source>
        <translation>사용자가 취소했습니다. 지금까지 처리한 결과는 보존됩니다.</translation>
    </message>
    <message>
        <location filename="../core/tasks.py" line="60"/>
        <source>Internal error: {0}. Details are in the WealthMap message log.</source>
        <translation>내부 오류: {0}. 자세한 내용은 WealthMap 메시지 로그에 있습니다.</translation>
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
        <source>Thematic maps</source>
        <translation>주제도</translation>
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
        <location filename="../ui/base_dock.py" line="53"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="59"/>
        <source>Ready.</source>
        <translation>준비됨.</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="76"/>
        <source>A job is already running in this panel; wait for it or cancel it.</source>
        <translation>이 패널에서 이미 작업이 실행 중입니다. 끝날 때까지 기다리거나 취소하세요.</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="83"/>
        <source>Cancelled. Run again to resume where it stopped.</source>
        <translation>취소되었습니다. 다시 실행하면 멈춘 곳부터 이어서 처리합니다.</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="99"/>
        <source>Running: {0}</source>
        <translation>실행 중: {0}</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="84"/>
        <source>{0}: cancelled.</source>
        <translation>{0}: 취소됨.</translation>
    </message>
    <message>
        <location filename="../ui/base_dock.py" line="90"/>
        <source>Done in {0:.1f} s.</source>
        <translation>{0:.1f}초 만에 완료.</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="13"/>
        <source>WealthMap: Geocode</source>
        <translation>WealthMap: 지오코딩</translation>
    </message>
    <message>
        <location filename="../ui/geocode_dock.py" line="14"/>
        <source>Batch geocoding of address tables.</source>
        <translation>주소 표 일괄 지오코딩.</translation>
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
        <location filename="../ui/thematic_dock.py" line="13"/>
        <source>WealthMap: Thematic maps</source>
        <translation>WealthMap: 주제도</translation>
    </message>
    <message>
        <location filename="../ui/thematic_dock.py" line="14"/>
        <source>Choropleth and chart maps from statistics tables.</source>
        <translation>통계표로 만드는 단계구분도와 차트맵.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_dock.py" line="14"/>
        <source>WealthMap: Wealth</source>
        <translation>WealthMap: 부(富) 추정</translation>
    </message>
    <message>
        <location filename="../ui/wealth_dock.py" line="15"/>
        <source>Wealth index from Sentinel-2 imagery.</source>
        <translation>Sentinel-2 영상으로 추정한 부 지수.</translation>
    </message>
    <message>
        <location filename="../ui/wealth_dock.py" line="28"/>
        <source>Predict</source>
        <translation>추정</translation>
    </message>
    <message>
        <location filename="../ui/wealth_dock.py" line="35"/>
        <source>Train</source>
        <translation>학습</translation>
    </message>
</context>
</TS>
