/**
 * Self-test failure diagnoses in the console's languages. A failed step carries a stable `code`
 * (hardware-tests/types.ts StepResult.code, set at each failure of hardware-tests/suites/*.ts); this
 * table gives its likely cause and remedy in Chinese and English. The device's own English text
 * (with its figures) stays available: the page shows it below, labelled as the device's words. A
 * code this table does not know (a newer device) or '' (an older one) falls back to the device text.
 * No imports: test/console/maintenance-diagnostics.test.ts reads this table in Node.
 */

export interface Diagnosis {
  cause: string;
  remedy: string;
}

export const DIAGNOSES: Readonly<Record<string, { zh: Diagnosis; en: Diagnosis }>> = {
  // Reader
  reader_absent: {
    zh: { cause: '读卡器未连接或 USB 线损坏、pcscd 服务未运行，或配置中指定的是另一台读卡器', remedy: '检查读卡器连线及指示灯是否亮起；执行 systemctl status pcscd；用 onecard reader watch 查看 pcscd 识别到的读卡器' },
    en: { cause: 'the reader is unplugged or its USB cable is damaged, pcscd is not running, or the config names another reader', remedy: "check the reader's cable and that its LED is lit; systemctl status pcscd; onecard reader watch lists the readers pcscd sees" },
  },
  reader_no_card: {
    zh: { cause: '没有放卡、卡片类型读卡器无法读取，或读卡器天线损坏、被金属遮挡', remedy: '将一张确认正常的校园卡平放在读卡器上停留一秒；仍读不到则更换读卡器' },
    en: { cause: "no card was held to it, the card is of a type the reader cannot read, or the reader's antenna is damaged or shielded by metal", remedy: 'hold a known-good campus card flat on the reader for a second; if it still reads nothing, replace the reader' },
  },
  // Relay
  relay_feedback_input: {
    zh: { cause: '反馈输入配置错误，或其 GPIO 线路已被占用', remedy: '对照接线检查配置中的 selfTest.feedback' },
    en: { cause: 'the feedback input is misconfigured or its line is taken', remedy: 'check selfTest.feedback in the config against the wiring' },
  },
  relay_output_unavailable: {
    zh: { cause: '继电器输出被正在运行的控制器占用，或配置中的 GPIO 芯片、线路或 Firmata 板不存在', remedy: '现场自检前先停止控制器服务（或从中心发起远程自检）；对照接线检查配置的继电器部分' },
    en: { cause: 'the output is held by a running controller, or the GPIO chip, line or Firmata board in the config is not there', remedy: 'stop the controller service before an on-site self-test (or use the remote self-test from the hub); check the relay section of the config against the wiring' },
  },
  relay_no_feedback: {
    zh: { cause: '继电器不吸合（卡在断开）：线圈损坏、线圈无供电、触点烧坏，或反馈输入未接到辅助触点', remedy: '吸合脉冲期间测量线圈电压；更换继电器；检查反馈接线' },
    en: { cause: 'relay stuck open: a dead coil, no coil supply, a burnt contact, or the feedback input not wired to the auxiliary contact', remedy: 'measure the coil voltage during a pulse; replace the relay; check the feedback wiring' },
  },
  relay_output_unstable: {
    zh: { cause: '输出线路保持不住驱动电平：有其他进程在驱动该线路，或继电器板反复复位', remedy: '确认没有其他程序使用该线路；检查继电器板供电' },
    en: { cause: 'the output line does not hold the level it is driven to: another process drives it, or the board resets', remedy: 'make sure nothing else uses the line; check the relay board supply' },
  },
  relay_stuck_closed: {
    zh: { cause: '继电器触点粘连（卡在闭合）：负载过大或未加抑制导致触点熔焊，或反馈输入接在了常闭触点上', remedy: '更换继电器（门锁电磁铁需并联续流二极管）；检查反馈接线' },
    en: { cause: 'relay stuck closed: welded contacts (an overloaded or unsuppressed load), or the feedback input wired to a normally-closed contact', remedy: 'replace the relay (a door strike: fit a flyback diode across it); check the feedback wiring' },
  },
  relay_breaker_open: {
    zh: { cause: '断路器继电器不吸合：线圈损坏或线圈无供电', remedy: '测量线圈电压；更换继电器' },
    en: { cause: 'relay stuck open: a dead coil or no coil supply', remedy: 'measure the coil voltage; replace the relay' },
  },
  // Valve and flow sensor
  valve_output_unavailable: {
    zh: { cause: '阀门输出被正在运行的控制器占用，或配置中的 GPIO 芯片、线路或 Firmata 板不存在', remedy: '现场自检前先停止控制器服务（或从中心发起远程自检）；对照接线检查配置的阀门部分' },
    en: { cause: 'the output is held by a running controller, or the GPIO chip, line or Firmata board in the config is not there', remedy: 'stop the controller service before an on-site self-test (or use the remote self-test from the hub); check the valve section of the config against the wiring' },
  },
  valve_flow_sensor_unavailable: {
    zh: { cause: '流量传感器的线路已被占用或配置错误', remedy: '停止控制器服务；检查配置中的 flowSensor' },
    en: { cause: 'its line is taken or misconfigured', remedy: 'stop the controller service; check flowSensor in the config' },
  },
  valve_stuck_closed: {
    zh: { cause: '电磁阀打不开：线圈无供电、线圈烧坏或有杂物堵塞；或反馈输入未接线', remedy: '开阀时测量电磁阀电压；清洗或更换阀门' },
    en: { cause: 'valve stuck closed: no coil supply, a burnt coil, or debris; or the feedback input not wired', remedy: "measure the solenoid's voltage while open; clean or replace the valve" },
  },
  valve_no_flow: {
    zh: { cause: '开阀期间没有流量脉冲：流量传感器卡死（叶轮卡住）或未插好、没有水压，或阀门没有打开', remedy: '确认是否出水；检查传感器线缆和接头；更换卡死的传感器' },
    en: { cause: 'flow sensor stuck (a jammed rotor) or unplugged, no water pressure, or the valve did not open', remedy: "check that water came out; check the sensor's cable and connector; replace a jammed sensor" },
  },
  valve_low_flow: {
    zh: { cause: '水压低、过滤网或花洒堵塞，或 pulsesPerLitre（每升脉冲数）与该传感器不符', remedy: '检查水压并清洗过滤网；对照传感器规格书核对 pulsesPerLitre' },
    en: { cause: 'low water pressure, a blocked filter or shower head, or pulsesPerLitre wrong for this sensor', remedy: "check the pressure and clean the filter; compare pulsesPerLitre with the sensor's data sheet" },
  },
  valve_stuck_open: {
    zh: { cause: '电磁阀关不上：阀座有杂物、膜片破损，或输出一直处于导通状态', remedy: '关闭该淋浴的供水；清洗或更换电磁阀' },
    en: { cause: 'valve stuck open: debris in its seat, a torn diaphragm, or its output stuck on', remedy: 'shut the supply to this shower; clean or replace the solenoid valve' },
  },
  // Meter (Modbus over RS-485 or TCP)
  meter_bus_unavailable: {
    zh: { cause: '配置中的串口设备或 Modbus TCP 网关不存在，或被正在运行的控制器占用', remedy: '现场自检前先停止控制器服务；检查配置中的 modbus 部分（ls /dev/ttyUSB*）' },
    en: { cause: 'the serial device or Modbus TCP gateway in the config is missing, or taken by a running controller', remedy: 'stop the controller service before an on-site self-test; check the modbus section of the config (ls /dev/ttyUSB*)' },
  },
  meter_silent: {
    zh: { cause: '电表无应答：RS-485 的 A、B 线接反或松动、电表未上电、站号（unit id）不对，或波特率、校验位与电表设置不一致', remedy: '查看电表显示屏及其站号和波特率设置；检查 RS-485 接线（A 接 A，B 接 B）；试运行 onecard meter read' },
    en: { cause: "no reply: RS-485 A and B swapped or loose, the meter unpowered, a wrong unit id, or a baud rate or parity that differs from the meter's", remedy: "check the meter's display and its unit id and baud setting; check the RS-485 wiring (A to A, B to B); try onecard meter read" },
  },
  meter_crc: {
    zh: { cause: '电表应答 CRC 校验错误，线路受干扰：电气噪声、总线末端缺少 120 欧终端电阻、分支线过长，或两块电表使用了同一个站号', remedy: 'RS-485 总线两端加终端电阻；使用屏蔽双绞线并单端接地，远离强电电缆；每块电表设置不同的站号' },
    en: { cause: 'a corrupted line: electrical noise, a missing 120 ohm terminator at the end of the bus, a stub too long, or two meters answering one unit id', remedy: 'terminate both ends of the RS-485 line, use twisted pair with its shield grounded at one end, keep it away from mains cables; give each meter its own unit id' },
  },
  meter_refused: {
    zh: { cause: '电表拒绝了请求：配置的型号与实际电表不符（寄存器表不同），或电表处于故障状态', remedy: '核对电表型号与配置中的 model；将电表断电重启' },
    en: { cause: 'the configured model is not this meter (its register map differs), or the meter is in a fault state', remedy: "compare the meter's model with model in the config; power-cycle the meter" },
  },
  meter_bad_value: {
    zh: { cause: '电表返回了不可能的数值：型号的寄存器表或字序有误，或电表故障', remedy: '对照电表说明书核对型号的寄存器地址和字序' },
    en: { cause: 'a wrong register map or word order in the model, or a faulty meter', remedy: "check the model's register addresses and word order against the meter's manual" },
  },
  meter_bus_disconnected: {
    zh: { cause: 'USB 转 RS-485 适配器已拔出，或 Modbus TCP 网关无法连接', remedy: '检查适配器（ls /dev/ttyUSB*）或网关（ping 网关）' },
    en: { cause: 'the USB-RS485 adapter is unplugged, or the Modbus TCP gateway is unreachable', remedy: 'check the adapter (ls /dev/ttyUSB*) or the gateway (ping it)' },
  },
  meter_bus_busy: {
    zh: { cause: '总线请求队列已满：一条总线上电表太多、轮询太频繁，或某块电表应答慢占住了总线', remedy: '加大 pollIntervalMs，或将电表分到两条总线上' },
    en: { cause: 'too many meters polled too often on one bus, or a meter slow to answer holding the line', remedy: 'raise pollIntervalMs, or split the meters over two buses' },
  },
  meter_no_energy_register: {
    zh: { cause: '配置的电表型号没有映射电能寄存器', remedy: '修正该型号的寄存器表' },
    en: { cause: 'the configured model maps no energy register', remedy: "fix the model's register map" },
  },
  meter_no_voltage: {
    zh: { cause: '电表处没有电压，或型号中的电压换算比例有误', remedy: '在电表处实测电压；若电压正常，修正型号中 voltageMv 的换算比例' },
    en: { cause: 'no supply at the meter, or a wrong scale in the model', remedy: 'measure the voltage at the meter; if it is right, fix the scale of voltageMv in the model' },
  },
  meter_voltage_abnormal: {
    zh: { cause: '电压超出正常范围：供电问题（过载、零线松动）或型号中的电压换算比例有误', remedy: '在电表处实测电压；若电压正常，修正型号中 voltageMv 的换算比例' },
    en: { cause: 'a supply problem (overload, a loose neutral) or a wrong scale in the model', remedy: 'measure the voltage at the meter; if it is right, fix the scale of voltageMv in the model' },
  },
  meter_power_high: {
    zh: { cause: '功率超过房间允许的上限：型号中的功率换算比例有误，或房间负载超限', remedy: '检查型号中 powerW 的换算比例，并检查房间内的用电负载' },
    en: { cause: 'a wrong scale in the model, or a load beyond what the room may draw', remedy: 'check the scale of powerW in the model, and the load in the room' },
  },
  // Storage (the journal)
  storage_full: {
    zh: { cause: '存储空间已满', remedy: '清理 dataDir 所在磁盘的空间（旧日志）；日志库需要空间保存等待上传中心的记录' },
    en: { cause: 'the storage is full', remedy: 'free space under dataDir (old logs); the journal needs room for the events waiting for the hub' },
  },
  storage_read_only: {
    zh: { cause: '文件系统变为只读：内核在 I/O 错误后将其重新挂载为只读，说明 SD 卡正在损坏', remedy: '将 dataDir 数据拷出，换用高耐久（工业级）SD 卡' },
    en: { cause: 'the file system is read-only: the kernel remounted it after I/O errors, a sign of a failing SD card', remedy: 'copy dataDir off the card and replace the card with a high-endurance one' },
  },
  storage_permission: {
    zh: { cause: '运行自检的用户没有 dataDir 的写权限', remedy: '以控制器服务的用户运行自检，或把该目录授权给它（chown）' },
    en: { cause: 'the user the self-test runs as may not write dataDir', remedy: 'run as the controller service user, or give it the directory (chown)' },
  },
  storage_io_error: {
    zh: { cause: 'I/O 错误：存储设备正在损坏', remedy: '更换 SD 卡或硬盘' },
    en: { cause: 'an I/O error: the storage is failing', remedy: 'replace the SD card or disk' },
  },
  storage_write_refused: {
    zh: { cause: '存储拒绝写入', remedy: '检查存储设备及 dataDir 的权限' },
    en: { cause: 'the storage refused a write', remedy: 'check the storage and the permissions of dataDir' },
  },
  storage_slow: {
    zh: { cause: '存储写入过慢：SD 卡老化或质量差，或有其他进程大量写盘', remedy: '换用高耐久（工业级）SD 卡；检查还有什么在写盘（iotop）' },
    en: { cause: 'slow or worn storage (an old or cheap SD card), or another process writing heavily', remedy: 'replace the SD card with a high-endurance (industrial) one; check what else writes (iotop)' },
  },
  storage_dir_unreadable: {
    zh: { cause: 'dataDir 目录不存在或无法读取', remedy: '检查配置中的 dataDir' },
    en: { cause: 'dataDir is missing or unreadable', remedy: 'check dataDir in the config' },
  },
  storage_low_space: {
    zh: { cause: '存储空间即将用完', remedy: '清理空间（旧日志、core 文件）；日志库无法写入时控制器会停止工作' },
    en: { cause: 'the storage is nearly full', remedy: 'free space (old logs, core files); a journal that cannot write stops the controller' },
  },
  // Hub link
  hub_ca_missing: {
    zh: { cause: '配置中指定的 CA 证书文件不存在', remedy: '将中心的 CA 证书复制到设备上，并在 hub.caFile 中指定' },
    en: { cause: 'the CA file named in the config is missing', remedy: "copy the hub's CA certificate to the device and name it in hub.caFile" },
  },
  hub_no_key: {
    zh: { cause: '设备从未注册，或 keyFile 指向了别处', remedy: '注册设备：在中心执行 onecard admin device enroll，再在设备上执行 onecard controller enroll' },
    en: { cause: 'the device was never enrolled, or keyFile points elsewhere', remedy: "enroll it: onecard admin device enroll at the hub, then onecard controller enroll here" },
  },
  hub_key_unusable: {
    zh: { cause: '设备密钥文件已损坏，或不是 Ed25519 私钥', remedy: '重新注册设备（生成新密钥）：onecard admin device enroll，然后 onecard controller enroll' },
    en: { cause: 'the file is damaged or is not an Ed25519 private key', remedy: 're-enroll the device (a new key): onecard admin device enroll, then onecard controller enroll' },
  },
  hub_refused: {
    zh: { cause: '连接被拒绝：中心服务未运行，或 hub.url 中的端口不对', remedy: '检查 hub.url、网线和中心服务器；从设备上 ping 中心' },
    en: { cause: 'nothing listens there: the hub is down, or the port in hub.url is wrong', remedy: 'check hub.url, the network cable and the hub; ping the hub from here' },
  },
  hub_dns: {
    zh: { cause: '中心的域名无法解析：DNS 故障，或 hub.url 拼写有误', remedy: '检查 hub.url、网线和中心服务器；从设备上 ping 中心' },
    en: { cause: "the hub's name does not resolve: DNS, or a typo in hub.url", remedy: 'check hub.url, the network cable and the hub; ping the hub from here' },
  },
  hub_unreachable: {
    zh: { cause: '无法连到中心或没有应答：网络故障、防火墙拦截，或中心服务未运行', remedy: '检查 hub.url、网线和中心服务器；从设备上 ping 中心' },
    en: { cause: 'no route or no answer: the network, a firewall, or the hub is down', remedy: 'check hub.url, the network cable and the hub; ping the hub from here' },
  },
  hub_protocol_version: {
    zh: { cause: '中心使用的通信协议版本与设备不同', remedy: '升级控制器或中心，使两者运行同一版本' },
    en: { cause: 'the hub speaks another protocol version', remedy: 'upgrade the controller or the hub so both run the same release' },
  },
  hub_tls_untrusted: {
    zh: { cause: '设备不信任中心的 TLS 证书，或证书上的主机名与 hub.url 不符', remedy: '将 hub.caFile 设为 CA 证书（或中心的自签名证书）；核对 hub.url 中的主机名' },
    en: { cause: "the hub's certificate is not trusted by this device, or names another host", remedy: "set hub.caFile to the CA (or the hub's self-signed certificate); check the host name in hub.url" },
  },
  hub_wrong_endpoint: {
    zh: { cause: '应答的不是 onecard 中心的设备接口：hub.url 的路径或端口有误，或中间有代理', remedy: '检查 hub.url（应以 /v1/device 结尾）' },
    en: { cause: 'something answered that is not a onecard hub device endpoint: a wrong path or port in hub.url, or a proxy', remedy: 'check hub.url (it ends in /v1/device)' },
  },
  // Clock
  clock_before_2020: {
    zh: { cause: '系统时钟被重置（没有带电池的 RTC 实时时钟），且 NTP 尚未完成时间同步', remedy: '检查 NTP 时间同步（timedatectl status；校园 NTP 服务器是否可达）；中心经常连不上的地方加装带电池的 RTC。在此期间，控制器联网后会用中心校正的时间记录事件' },
    en: { cause: 'the clock was reset (no battery-backed RTC) and NTP has not set it', remedy: 'check NTP (timedatectl status; the campus NTP server reachable); fit an RTC with a battery where the hub is often unreachable' },
  },
  clock_jumped: {
    zh: { cause: '自检期间系统时间发生跳变：长时间漂移后 NTP 一次性校时、有人手动改了时间，或 RTC 故障', remedy: '检查 NTP 时间同步（timedatectl status）；反复出现时查找是谁在改时间（journalctl -u systemd-timesyncd）' },
    en: { cause: 'something set the time: an NTP step after a long drift, an operator, or a failing RTC', remedy: 'check NTP (timedatectl status); if it repeats, look for what sets the time (journalctl -u systemd-timesyncd)' },
  },
  clock_offset: {
    zh: { cause: '设备时钟与中心相差过大：时钟被重置或发生跳变，或设备连不上 NTP 服务器', remedy: '检查 NTP 时间同步（timedatectl status；校园 NTP 服务器是否可达）；中心经常连不上的地方加装带电池的 RTC' },
    en: { cause: 'the clock was reset or jumped, or NTP does not reach this device', remedy: 'check NTP (timedatectl status; the campus NTP server reachable); fit an RTC with a battery where the hub is often unreachable' },
  },
  // Any suite
  step_error: {
    zh: { cause: '驱动出现了自检未预料到的错误', remedy: '记下设备原文中的错误信息，重新运行该项；如反复出现，连同控制器日志一起上报' },
    en: { cause: 'a driver failed in a way the self-test did not expect', remedy: 'note the message and run the step again; report it with the controller log if it repeats' },
  },
};

/** The diagnosis of a failure code in a language, or null for '' or a code this console does not know. */
export function diagnosis(code: string, language: 'zh' | 'en'): Diagnosis | null {
  if (!code || !Object.prototype.hasOwnProperty.call(DIAGNOSES, code)) return null;
  return DIAGNOSES[code]?.[language] ?? null;
}
